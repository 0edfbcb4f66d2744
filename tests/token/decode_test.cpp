#include <jwtcheck/token.hpp>

#include "support/error_printing.hpp"
#include "support/token_builder.hpp"
#include "token/compact_jws.hpp"
#include "token/jose_header.hpp"
#include "base64url.hpp"
#include "json/object_scan.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using jwtcheck::decode_unverified;
using jwtcheck::ErrorCode;
using jwtcheck::Limits;
using jwtcheck::test::b64url;
using jwtcheck::test::compact_token;

namespace {

const std::string kHeader = R"({"alg":"RS256","typ":"JWT","kid":"k1"})";
const std::string kClaims = R"({"iss":"https://t.example/","sub":"abc@clients","aud":"https://api","exp":2000000000})";
const std::string kGood = compact_token(kHeader, kClaims);

void require_code(const std::string& token, ErrorCode code, const Limits& limits = {}) {
  BOOST_TEST_CONTEXT("token " << token.substr(0, 200)) {
    auto r = decode_unverified(token, limits);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.error().code == code);
    BOOST_TEST(!r.error().message.empty());
  }
}

std::string with_header(const std::string& header) { return compact_token(header, kClaims); }
std::string with_claims(const std::string& claims) { return compact_token(kHeader, claims); }

}  // namespace

BOOST_AUTO_TEST_SUITE(decode)

BOOST_AUTO_TEST_CASE(decodes_a_token) {
  auto r = decode_unverified(kGood);
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->header_json == kHeader);
  BOOST_TEST(r->claims_json == kClaims);
  BOOST_TEST(r->alg == "RS256");
  BOOST_TEST(r->kid == "k1");
  BOOST_TEST(r->typ == "JWT");
  BOOST_TEST(r->signature_bytes == 9u);  // "signature"
}

BOOST_AUTO_TEST_CASE(keeps_the_json_text_byte_for_byte) {
  const std::string header = "{\"alg\":\"HS256\",\r\n \"typ\":\"JWT\"}";
  const std::string claims = "{\"iss\":\"joe\",\r\n \"esc\":\"\\u0041\"}";
  auto r = decode_unverified(compact_token(header, claims));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->header_json == header);
  BOOST_TEST(r->claims_json == claims);
  BOOST_TEST(r->kid.empty());
}

BOOST_AUTO_TEST_CASE(inspection_decodes_any_alg_string) {
  for (const char* alg : {"none", "NONE", "HS256", "unknown", ""}) {
    auto r = decode_unverified(with_header(std::string(R"({"alg":")") + alg + "\"}"));
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(r->alg == alg);
  }
}

BOOST_AUTO_TEST_CASE(wrong_segment_counts) {
  const std::string h = b64url(kHeader), c = b64url(kClaims);
  for (const std::string& token : {std::string(""), h, h + "." + c, h + "." + c + ".c2ln.eA",
                                   h + "." + c + ".c2ln.eA.eA.eA", std::string("."), std::string("..."),
                                   h + ".." + c + ".c2ln"}) {
    require_code(token, ErrorCode::malformed_token);
  }
  // Five segments: a JWE.
  auto r = decode_unverified(h + ".ZW5j.aXY.Y3Q.dGFn");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::encrypted_token);
  BOOST_TEST(r.error().message.find("unsupported: encrypted token") == 0u);
  require_code("....", ErrorCode::encrypted_token);
}

BOOST_AUTO_TEST_CASE(empty_segments) {
  const std::string h = b64url(kHeader), c = b64url(kClaims);
  require_code("." + c + ".c2ln", ErrorCode::malformed_token);
  require_code(h + "..c2ln", ErrorCode::malformed_token);
  require_code("..", ErrorCode::malformed_token);
}

// An unsigned token (alg none, empty signature segment) is shown by inspection, never verified:
// the split every verifier uses still refuses it.
BOOST_AUTO_TEST_CASE(an_unsigned_token_is_decoded_for_inspection_only) {
  const std::string h = b64url(R"({"alg":"none","typ":"JWT"})"), c = b64url(kClaims);
  auto r = decode_unverified(h + "." + c + ".");
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? std::string() : r.error().message));
  BOOST_TEST(r->alg == "none");
  BOOST_TEST(r->signature_bytes == 0u);
  BOOST_TEST(r->claims_json == kClaims);
  auto split = jwtcheck::detail::split_compact_jws(h + "." + c + ".", Limits{});
  BOOST_TEST_REQUIRE(!split.ok());
  BOOST_TEST(split.error().message.find("signature") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_base64url_in_each_segment) {
  const std::string h = b64url(kHeader), c = b64url(kClaims);
  const std::string sig = "c2lnbmF0dXJl";
  // Variants of a valid segment: padding, std alphabet, whitespace, non-canonical bits, bad length.
  // No base64url text has length 4k+1.
  auto impossible_length = [](std::string s) {
    while (s.size() % 4 != 1) s += 'A';
    return s;
  };
  auto variants = [&](const std::string& s) {
    return std::vector<std::string>{s + "=", s + "==", s.substr(0, s.size() - 1) + "+", s.substr(0, s.size() - 1) + "/",
                                    " " + s, s + " ", s.substr(0, 4) + "\n" + s.substr(4), s + "\t", impossible_length(s),
                                    s.substr(0, 2) + "%" + s.substr(3), s + std::string(1, '\0')};
  };
  for (const auto& bad : variants(h)) require_code(bad + "." + c + "." + sig, ErrorCode::malformed_token);
  for (const auto& bad : variants(c)) require_code(h + "." + bad + "." + sig, ErrorCode::malformed_token);
  for (const auto& bad : variants(sig)) require_code(h + "." + c + "." + bad, ErrorCode::malformed_token);
  // Non-canonical trailing bits: "eA" is "x", "eB" decodes to the same byte with a stray bit.
  require_code(h + "." + c + ".eB", ErrorCode::malformed_token);
  BOOST_TEST(decode_unverified(h + "." + c + ".eA").ok());
}

BOOST_AUTO_TEST_CASE(header_and_claims_must_be_objects) {
  for (const char* json : {"[]", R"(["alg","RS256"])", R"("RS256")", "1", "null", "true", " ", "{", "nope"}) {
    require_code(with_header(json), ErrorCode::invalid_json);
    require_code(with_claims(json), ErrorCode::invalid_json);
  }
}

BOOST_AUTO_TEST_CASE(refuses_invalid_utf8) {
  require_code(with_header("{\"alg\":\"RS256\",\"kid\":\"\xc3\x28\"}"), ErrorCode::invalid_json);
  require_code(with_claims("{\"sub\":\"\xed\xa0\x80@clients\"}"), ErrorCode::invalid_json);
  require_code(with_claims("{\"\xff\":1}"), ErrorCode::invalid_json);
}

BOOST_AUTO_TEST_CASE(truncated_utf8_at_the_end_is_refused_without_reading_past_it) {
  // Found by the json fuzz target: RapidJSON's in-place UTF-8 check reads on past a lead byte at
  // the end of the text. The decoded segments carry NUL padding for it; under ASan (CI) any
  // read past the buffer fails this test, both in the object (short) and on the heap (long).
  for (const std::size_t filler : {std::size_t{10}, std::size_t{5000}}) {
    for (const char* lead : {"\xc3", "\xea", "\xf0", "\xf0\x9f", "\xf0\x9f\x98"}) {
      const std::string claims = "{\"a\":\"" + std::string(filler, 'H') + lead;
      require_code(with_claims(claims), ErrorCode::invalid_json);
      require_code(with_claims("\"" + std::string(filler, 'H') + lead), ErrorCode::invalid_json);
    }
  }
}

BOOST_AUTO_TEST_CASE(refuses_duplicate_names) {
  require_code(with_header(R"({"alg":"RS256","alg":"none"})"), ErrorCode::duplicate_member);
  require_code(with_header(R"({"alg":"RS256","\u0061lg":"none"})"), ErrorCode::duplicate_member);
  require_code(with_header(R"({"alg":"RS256","kid":"a","ki\u0064":"b"})"), ErrorCode::duplicate_member);
  require_code(with_claims(R"({"sub":"a@clients","sub":"b@clients"})"), ErrorCode::duplicate_member);
  require_code(with_claims(R"({"aud":"x","\u0061ud":"y"})"), ErrorCode::duplicate_member);
  require_code(with_claims(R"({"nested":{"x":1,"\u0078":2}})"), ErrorCode::duplicate_member);
}

BOOST_AUTO_TEST_CASE(depth_limit_at_and_over) {
  Limits limits;
  limits.max_json_depth = 4;
  BOOST_TEST(decode_unverified(with_claims(R"({"a":{"b":{"c":[1]}}})"), limits).ok());
  require_code(with_claims(R"({"a":{"b":{"c":[[1]]}}})"), ErrorCode::json_too_deep, limits);
  require_code(with_header(R"({"alg":"RS256","x":{"b":{"c":[[1]]}}})"), ErrorCode::json_too_deep, limits);
  // Default limit 16.
  std::string deep16 = R"({"a":)" + std::string(15, '[') + std::string(15, ']') + "}";
  std::string deep17 = R"({"a":)" + std::string(16, '[') + std::string(16, ']') + "}";
  BOOST_TEST(decode_unverified(with_claims(deep16)).ok());
  require_code(with_claims(deep17), ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_CASE(size_limit_is_exact) {
  Limits limits;
  limits.max_token_bytes = 300;
  // Pad a claim until the token is exactly at the limit.
  std::string pad;
  std::string token = with_claims(R"({"p":""})");
  while (token.size() < limits.max_token_bytes) {
    pad += "x";
    token = with_claims(R"({"p":")" + pad + "\"}");
  }
  if (token.size() > limits.max_token_bytes) {  // base64 grows in steps; trim the signature instead
    const std::size_t over = token.size() - limits.max_token_bytes;
    token.erase(token.size() - over);
  }
  BOOST_REQUIRE(token.size() == limits.max_token_bytes);
  auto at_limit = decode_unverified(token, limits);
  // The trimmed signature might not be canonical base64url; either way it must not be token_too_large.
  if (!at_limit.ok()) BOOST_TEST(at_limit.error().code != ErrorCode::token_too_large);
  require_code(token + "A", ErrorCode::token_too_large, limits);
  // And a fully valid one exactly at the default 16 KiB limit.
  std::string big = with_claims(R"({"p":")" + std::string(12000, 'y') + "\"}");
  const std::size_t room = Limits{}.max_token_bytes - (big.size() - 12);  // 12 = size of our signature text
  std::string sig(room, 'A');
  while (jwtcheck::detail::base64url_decoded_size(sig.size()) == std::nullopt) sig.pop_back();
  big = big.substr(0, big.size() - 12) + sig;
  BOOST_TEST_MESSAGE("token size " << big.size());
  BOOST_TEST(big.size() <= Limits{}.max_token_bytes);
  BOOST_TEST(decode_unverified(big).ok());
  require_code(big + std::string(Limits{}.max_token_bytes + 1 - big.size(), 'A'), ErrorCode::token_too_large);
}

BOOST_AUTO_TEST_CASE(header_member_types) {
  for (const char* header :
       {R"({})", R"({"typ":"JWT"})", R"({"alg":1})", R"({"alg":null})", R"({"alg":["RS256"]})", R"({"alg":{}})",
        R"({"alg":true})", R"({"alg":"RS256","kid":1})", R"({"alg":"RS256","kid":null})",
        R"({"alg":"RS256","kid":["a"]})", R"({"alg":"RS256","typ":1})", R"({"alg":"RS256","cty":false})"}) {
    require_code(with_header(header), ErrorCode::invalid_header);
  }
  auto r = decode_unverified(with_header(R"({"typ":"JWT"})"));
  BOOST_TEST(r.error().message == "header: \"alg\" is missing");
}

BOOST_AUTO_TEST_CASE(crit_must_be_well_formed) {
  for (const char* header :
       {R"({"alg":"RS256","crit":"exp"})", R"({"alg":"RS256","crit":[]})", R"({"alg":"RS256","crit":[1]})",
        R"({"alg":"RS256","crit":["exp"]})", R"({"alg":"RS256","crit":["alg"]})",
        R"({"alg":"RS256","kid":"a","crit":["kid"]})", R"({"alg":"RS256","crit":["crit"]})",
        R"({"alg":"RS256","exp":1,"crit":["exp",2]})", R"({"alg":"RS256","crit":null})"}) {
    require_code(with_header(header), ErrorCode::invalid_header);
  }
  // Well formed: inspection decodes it (the Verifier refuses it: unknown_crit).
  BOOST_TEST(decode_unverified(with_header(R"({"alg":"RS256","exp":1,"crit":["exp"]})")).ok());
  BOOST_TEST(decode_unverified(with_header(R"({"alg":"HS256","b64":false,"crit":["b64"]})")).ok());
}

BOOST_AUTO_TEST_CASE(read_jose_header_reports_crit_and_kid) {
  const std::string text = R"({"alg":"ES256","kid":"","typ":"at+jwt","b64":false,"crit":["b64"]})";
  std::string buffer = text + std::string(jwtcheck::detail::kScanPadding, '\0');
  jwtcheck::detail::ObjectScan scan;
  BOOST_REQUIRE(scan.run(buffer.data(), text, 16, "h", jwtcheck::detail::header_slot).ok());
  auto h = jwtcheck::detail::read_jose_header(scan);
  BOOST_REQUIRE(h.ok());
  BOOST_TEST(h->alg == "ES256");
  BOOST_TEST(h->has_kid);  // present but empty is still present
  BOOST_TEST(h->kid.empty());
  BOOST_TEST(h->typ == "at+jwt");
  BOOST_TEST(h->has_crit);
  BOOST_TEST(h->first_crit == "b64");
}

BOOST_AUTO_TEST_CASE(split_gives_the_signing_input) {
  auto parts = jwtcheck::detail::split_compact_jws("aGVhZA.cGF5.c2ln", Limits{});
  BOOST_REQUIRE(parts.ok());
  BOOST_TEST(parts->signing_input == "aGVhZA.cGF5");
  BOOST_TEST(parts->header_b64 == "aGVhZA");
  BOOST_TEST(parts->payload_b64 == "cGF5");
  BOOST_TEST(parts->signature_b64 == "c2ln");
  // An empty payload is a legal JWS (the claims decoder refuses it, not the splitter).
  BOOST_TEST(jwtcheck::detail::split_compact_jws("aGVhZA..c2ln", Limits{}).ok());
}

BOOST_AUTO_TEST_CASE(large_claims_use_the_heap_path) {
  std::string claims = R"({"permissions":[)";
  for (int i = 0; i < 800; ++i) claims += (i ? ",\"" : "\"") + std::string("perm:") + std::to_string(i) + "\"";
  claims += "]}";
  auto r = decode_unverified(with_claims(claims));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->claims_json == claims);
}

BOOST_AUTO_TEST_CASE(json_serialization_is_not_compact) {
  // Wycheproof json_web_signature tcId 17: the JSON serialization must not be taken for a token.
  require_code(R"({"payload":"Zm9v","signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}]})",
               ErrorCode::malformed_token);
}

BOOST_AUTO_TEST_SUITE_END()
