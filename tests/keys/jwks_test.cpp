// parse_jwks: document-level failures are fatal, broken keys are skipped with a reason.
#include "keys/jwk_edit.hpp"
#include "support/error_printing.hpp"
#include "support/test_keys.hpp"

#include <jwtcheck/key_set.hpp>

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using jwtcheck::test::cached_test_key;
using jwtcheck::test::jwk_with;
using jwtcheck::test::jwks_json;

namespace {

void expect_error(const Result<ParsedJwks>& result, ErrorCode code) {
  BOOST_REQUIRE_MESSAGE(!result.ok(), "expected " << code_name(code) << " but the JWKS parsed");
  BOOST_TEST(result.error().code == code, "message: " << result.error().message);
}

const std::string& rsa() { return cached_test_key(Alg::RS256).public_jwk; }
const std::string& ec() { return cached_test_key(Alg::ES256).public_jwk; }

}  // namespace

BOOST_AUTO_TEST_SUITE(jwks)

BOOST_AUTO_TEST_CASE(parses_a_mixed_set) {
  auto parsed = parse_jwks(jwks_json({rsa(), ec(), cached_test_key(Alg::ES512).public_jwk, cached_test_key(Alg::EdDSA).public_jwk}));
  BOOST_REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  BOOST_TEST(parsed->keys.size() == 4U);
  BOOST_TEST(parsed->skipped.empty());
  BOOST_TEST(parsed->keys.find("cached-ES512", Alg::ES512) != nullptr);
  auto empty = parse_jwks(R"({"keys":[]})");
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST(empty->keys.empty());
  // Other top-level members are allowed and ignored.
  BOOST_TEST(parse_jwks(R"({"keys":[],"other":{"a":1}})").ok());
}

BOOST_AUTO_TEST_CASE(broken_keys_are_skipped_with_reasons) {
  const std::string oct = R"({"kty":"oct","kid":"hs","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI"})";
  const std::string non_string_kid = jwk_with(ec(), "kid", "7");
  const std::string private_key = jwk_with(rsa(), "d", "\"AQAB\"");
  const std::string weak = test::generate_test_key(Alg::RS256, "weak", 1024).public_jwk;
  const std::string unknown = R"({"kty":"foo","kid":"f"})";
  const std::string small_exponent = jwk_with(jwk_with(rsa(), "e", "\"Aw\""), "kid", "\"e3\"");  // e = 3
  auto parsed = parse_jwks(
      jwks_json({oct, rsa(), non_string_kid, "[1,2]", private_key, weak, unknown, "\"str\"", ec(), small_exponent}));
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->keys.size() == 2U);
  BOOST_TEST(parsed->keys.find("cached-RS256", Alg::RS256) != nullptr);
  BOOST_TEST(parsed->keys.find("cached-ES256", Alg::ES256) != nullptr);
  BOOST_TEST(parsed->keys.find("hs", Alg::HS256) == nullptr);
  struct Expected {
    std::size_t index;
    const char* kid;
    ErrorCode code;
  };
  const std::vector<Expected> expected = {
      {0, "hs", ErrorCode::unsupported_key},           {2, "", ErrorCode::invalid_key},  // kid 7: not a string
      {3, "", ErrorCode::invalid_key},                 {4, "cached-RS256", ErrorCode::invalid_key},
      {5, "weak", ErrorCode::weak_key},                {6, "f", ErrorCode::unsupported_key},
      {7, "", ErrorCode::invalid_key},                 {9, "e3", ErrorCode::weak_key},
  };
  BOOST_REQUIRE(parsed->skipped.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_TEST_CONTEXT("skipped[" << i << "]") {
      BOOST_TEST(parsed->skipped[i].index == expected[i].index);
      BOOST_TEST(parsed->skipped[i].kid == expected[i].kid);
      BOOST_TEST(parsed->skipped[i].reason.code == expected[i].code, parsed->skipped[i].reason.message);
      BOOST_TEST(!parsed->skipped[i].reason.message.empty());
    }
  }
  BOOST_TEST(parsed->skipped[0].reason.message.find("hmac_key") != std::string::npos);
  BOOST_TEST(parsed->skipped[1].reason.message.find("kid") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(document_shape_errors) {
  expect_error(parse_jwks("[]"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks("\"keys\""), ErrorCode::invalid_jwks);
  expect_error(parse_jwks("{}"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(R"({"keys":{}})"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(R"({"keys":null})"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(R"({"keys":"[]"})"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(""), ErrorCode::invalid_jwks);
  expect_error(parse_jwks("{"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(R"({"keys":[]} {})"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(std::string(R"({"keys":[]})") + '\0' + "junk"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(R"({"keys":[],})"), ErrorCode::invalid_jwks);
  expect_error(parse_jwks(R"({'keys':[]})"), ErrorCode::invalid_jwks);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused) {
  for (const char* bad : {"\xff", "\xc3", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80"}) {
    const std::string doc = std::string(R"({"keys":[],"note":")") + bad + "\"}";
    expect_error(parse_jwks(doc), ErrorCode::invalid_jwks);
  }
  BOOST_TEST(parse_jwks("{\"keys\":[],\"note\":\"caf\xc3\xa9 \xf0\x9f\x94\x91\"}").ok());  // valid UTF-8 is fine
}

BOOST_AUTO_TEST_CASE(duplicate_member_names_fail_the_document) {
  expect_error(parse_jwks(R"({"keys":[],"keys":[]})"), ErrorCode::duplicate_member);
  const std::string dup_in_key = rsa().substr(0, rsa().size() - 1) + R"(,"kid":"again"})";
  expect_error(parse_jwks(jwks_json({dup_in_key})), ErrorCode::duplicate_member);
  // Names compare after unescaping: "k\u0069d" is "kid".
  const std::string escaped_dup = rsa().substr(0, rsa().size() - 1) + R"(,"k\u0069d":"again"})";
  expect_error(parse_jwks(jwks_json({escaped_dup})), ErrorCode::duplicate_member);
}

BOOST_AUTO_TEST_CASE(limits) {
  Limits limits;
  std::vector<std::string> many(limits.max_jwks_keys + 1, "{}");
  expect_error(parse_jwks(jwks_json(many)), ErrorCode::too_many_keys);
  many.pop_back();
  auto at_limit = parse_jwks(jwks_json(many));
  BOOST_REQUIRE(at_limit.ok());
  BOOST_TEST(at_limit->skipped.size() == limits.max_jwks_keys);  // "{}" lacks kty: skipped, not fatal

  const std::string padded = R"({"keys":[],"pad":")" + std::string(limits.max_jwks_bytes, 'a') + "\"}";
  expect_error(parse_jwks(padded), ErrorCode::invalid_jwks);
  Limits small;
  small.max_jwks_bytes = 50;
  expect_error(parse_jwks(jwks_json({rsa()}), small), ErrorCode::invalid_jwks);

  auto nested = [](std::size_t depth) {  // the whole document nests `depth` levels
    return R"({"keys":[],"x":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  BOOST_TEST(parse_jwks(nested(limits.max_json_depth)).ok());
  expect_error(parse_jwks(nested(limits.max_json_depth + 1)), ErrorCode::json_too_deep);
  expect_error(parse_jwks(nested(100000)), ErrorCode::json_too_deep);  // no stack exhaustion
}

BOOST_AUTO_TEST_SUITE_END()
