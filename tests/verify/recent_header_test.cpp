// The per-thread memo of the last decoded JOSE header (verify/recent_header.hpp): a hit gives
// exactly what decoding gives, views into the caller's copy; anything else is a miss. And a
// Verifier that meets headers in any order judges each token as if it had never seen another.
#include "token/jose_header.hpp"
#include "token/scanned_segment.hpp"
#include "verify/recent_header.hpp"

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::test;
using jwtcheck::detail::HeaderSegment;
using jwtcheck::detail::JoseHeader;
using jwtcheck::detail::RecentHeader;

namespace {

struct Decoded {
  HeaderSegment segment;
  JoseHeader jose;
};

// Decodes a header segment the way the verifier does on a miss.
std::unique_ptr<Decoded> decode(std::string_view encoded, std::size_t max_depth = 16) {
  auto out = std::make_unique<Decoded>();
  Limits limits;
  limits.max_json_depth = max_depth;
  BOOST_REQUIRE(detail::decode_json_segment(encoded, "header", out->segment, limits, detail::header_slot).ok());
  auto jose = detail::read_jose_header(out->segment.scan);
  BOOST_REQUIRE(jose.ok());
  out->jose = *jose;
  return out;
}

bool inside(std::string_view view, std::string_view text) {
  return view.data() >= text.data() && view.data() + view.size() <= text.data() + text.size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(recent_header)

BOOST_AUTO_TEST_CASE(a_hit_equals_decoding_and_points_into_the_callers_copy) {
  const std::string encoded = b64url(R"({"alg":"ES256","typ":"at+jwt","kid":"key-1"})");
  const auto first = decode(encoded);
  auto recent = std::make_unique<RecentHeader>();
  recent->remember(encoded, 16, first->segment.text.view(), first->jose);

  HeaderSegment out;
  JoseHeader jose;
  BOOST_REQUIRE(recent->recall(encoded, 16, out, jose));
  BOOST_TEST(out.text.view() == first->segment.text.view());
  BOOST_TEST(out.parsed.data() == out.text.view().data());
  BOOST_TEST(jose.alg == "ES256");
  BOOST_TEST(jose.typ == "at+jwt");
  BOOST_TEST(jose.kid == "key-1");
  BOOST_TEST(jose.has_kid);
  BOOST_TEST(jose.has_typ);
  BOOST_TEST(!jose.has_crit);
  for (std::string_view view : {jose.alg, jose.typ, jose.kid}) BOOST_TEST(inside(view, out.text.view()));

  // Remembering another header later does not touch what was recalled.
  const std::string other = b64url(R"({"alg":"RS256","kid":"zzzzz"})");
  recent->remember(other, 16, decode(other)->segment.text.view(), decode(other)->jose);
  BOOST_TEST(jose.alg == "ES256");
  BOOST_TEST(jose.kid == "key-1");
}

BOOST_AUTO_TEST_CASE(anything_but_the_same_bytes_and_depth_is_a_miss) {
  auto recent = std::make_unique<RecentHeader>();
  HeaderSegment out;
  JoseHeader jose;
  const std::string encoded = b64url(R"({"alg":"HS256","kid":"a"})");
  BOOST_TEST(!recent->recall(encoded, 16, out, jose));  // nothing kept yet
  recent->remember(encoded, 16, decode(encoded)->segment.text.view(), decode(encoded)->jose);
  BOOST_TEST(!recent->recall(encoded, 15, out, jose));  // another depth limit
  BOOST_TEST(!recent->recall(encoded.substr(0, encoded.size() - 1), 16, out, jose));
  const std::string same_length = b64url(R"({"alg":"HS256","kid":"b"})");
  BOOST_REQUIRE(same_length.size() == encoded.size());
  BOOST_TEST(!recent->recall(same_length, 16, out, jose));
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    std::string changed = encoded;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    BOOST_TEST(!recent->recall(changed, 16, out, jose));
  }
  BOOST_TEST(recent->recall(encoded, 16, out, jose));

  // A header segment longer than kMaxEncoded is not kept (and forgets the previous one).
  const std::string long_header = b64url(R"({"alg":"HS256","kid":")" + std::string(300, 'k') + "\"}");
  recent->remember(long_header, 16, decode(long_header)->segment.text.view(), decode(long_header)->jose);
  BOOST_TEST(!recent->recall(long_header, 16, out, jose));
  BOOST_TEST(!recent->recall(encoded, 16, out, jose));
}

BOOST_AUTO_TEST_CASE(a_verifier_judges_each_header_on_its_own_in_any_order) {
  const TestKey& es = cached_test_key(Alg::ES256);
  Policy policy = auth0_policy();
  policy.typ_allowlist = {"JWT"};
  const Verifier v = make_verifier(key_set_of({&es}), policy);
  const std::string claims = auth0_claims().str();
  const std::string good = signed_token(es, Alg::ES256, jose_header_json(Alg::ES256, es.kid), claims);
  // Headers one step away from the good one, each signed by the right key.
  const std::string unknown_kid = signed_token(es, Alg::ES256, jose_header_json(Alg::ES256, es.kid + "x"), claims);
  const std::string wrong_typ = signed_token(es, Alg::ES256, jose_header_json(Alg::ES256, es.kid, "JWS"), claims);
  const std::string crit = signed_token(
      es, Alg::ES256, R"({"alg":"ES256","kid":")" + es.kid + R"(","crit":["exp"],"exp":1})", claims);
  const std::string none = compact_token(R"({"alg":"none","kid":")" + es.kid + "\"}", claims, "");
  for (int round = 0; round < 3; ++round) {
    BOOST_TEST(v.verify(good).ok());
    {  // the verifier kept the good header: the next verify of it is a hit
      HeaderSegment out;
      JoseHeader jose;
      BOOST_TEST(RecentHeader::for_this_thread().recall(good.substr(0, good.find('.')),
                                                        auth0_policy().limits.max_json_depth, out, jose));
    }
    BOOST_TEST(v.verify(good).ok());
    BOOST_TEST(v.verify(unknown_kid).error().code == ErrorCode::key_not_found);
    BOOST_TEST(v.verify(good).ok());
    BOOST_TEST(!v.verify(wrong_typ).ok());
    BOOST_TEST(!v.verify(wrong_typ).ok());
    BOOST_TEST(v.verify(crit).error().code == ErrorCode::unknown_crit);
    BOOST_TEST(v.verify(crit).error().code == ErrorCode::unknown_crit);
    BOOST_TEST(!v.verify(none).ok());
    BOOST_TEST(v.verify(good).ok());
  }
}

BOOST_AUTO_TEST_CASE(headers_that_are_not_plain_are_never_kept) {
  // Their views point into an unescaped copy, not the decoded text the entry would keep.
  const TestKey& es = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&es}));
  const std::string claims = auth0_claims().str();
  std::string escaped_kid;
  for (const char c : es.kid) escaped_kid += c == '-' ? std::string("\\u002d") : std::string(1, c);
  BOOST_REQUIRE(escaped_kid != es.kid);
  for (const std::string& header : {R"({"alg":"ES256","kid":")" + escaped_kid + "\"}",
                                    R"({"alg":"ES256","kid":")" + es.kid + R"(","x":"\u00e9"})",
                                    R"({"alg":"ES256","kid":")" + es.kid + R"(","iat":1.5})"}) {
    BOOST_TEST_CONTEXT(header) {
      const std::string token = signed_token(es, Alg::ES256, header, claims);
      for (int round = 0; round < 2; ++round) BOOST_TEST(v.verify(token).ok());
      HeaderSegment out;
      JoseHeader jose;
      BOOST_TEST(!RecentHeader::for_this_thread().recall(token.substr(0, token.find('.')),
                                                         auth0_policy().limits.max_json_depth, out, jose));
    }
  }
}

BOOST_AUTO_TEST_CASE(threads_keep_their_own_entry) {
  const TestKey& es = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&es}));
  const std::string claims = auth0_claims().str();
  const std::string good = signed_token(es, Alg::ES256, jose_header_json(Alg::ES256, es.kid), claims);
  const std::string bad = signed_token(es, Alg::ES256, jose_header_json(Alg::ES256, es.kid + "x"), claims);
  std::vector<int> wrong(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const bool expect_ok = (i + t) % 3 != 0;
        if (v.verify(expect_ok ? good : bad).ok() != expect_ok) ++wrong[t];
      }
    });
  for (auto& thread : threads) thread.join();
  BOOST_TEST(wrong[0] == 0);
  BOOST_TEST(wrong[1] == 0);
}

BOOST_AUTO_TEST_SUITE_END()
