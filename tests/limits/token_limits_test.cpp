// Limits on tokens, at their boundaries: Limits::max_token_bytes and Limits::max_json_depth.
// Each limit is tested exactly at the limit (accepted) and one past it (refused with its code).
#include <jwtcheck/limits.hpp>
#include <jwtcheck/token.hpp>

#include "support/error_printing.hpp"
#include "support/token_builder.hpp"
#include "verify/verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

namespace {

using jwtcheck::ErrorCode;
using jwtcheck::Limits;
using jwtcheck::test::b64url;

// A well-formed unsigned token of exactly `size` bytes: the claims carry a padding member and
// the signature segment absorbs the rest (its length must not be 1 mod 4 to stay base64url).
std::string token_of_size(std::size_t size) {
  const std::string header = b64url(R"({"alg":"ES256","typ":"JWT"})");
  for (std::size_t pad = 0; pad < 8; ++pad) {
    const std::string prefix = header + "." + b64url(R"({"sub":"x","pad":")" + std::string(pad, 'p') + "\"}") + ".";
    if (prefix.size() + 2 > size) break;
    const std::size_t signature = size - prefix.size();
    if (signature % 4 != 1) return prefix + std::string(signature, 'A');
  }
  throw std::logic_error("no token of size " + std::to_string(size));
}

// {"alg":"ES256","x":[[…]]}: the object is level 1, each array one more.
std::string header_of_depth(std::size_t depth) {
  return R"({"alg":"ES256","x":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
}

std::string claims_of_depth(std::size_t depth) {
  return R"({"sub":"x","x":)" + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
}

void expect_code(const jwtcheck::Result<jwtcheck::UnverifiedToken>& result, ErrorCode code) {
  BOOST_TEST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == code, "got " << jwtcheck::code_name(result.error().code) << ": "
                                                 << result.error().message);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(token_limits)

BOOST_AUTO_TEST_CASE(token_of_exactly_the_default_limit_decodes_and_one_more_byte_is_token_too_large) {
  const Limits limits;
  BOOST_TEST(limits.max_token_bytes == 16u * 1024u);
  const std::string at_limit = token_of_size(limits.max_token_bytes);
  BOOST_TEST_REQUIRE(at_limit.size() == limits.max_token_bytes);
  auto accepted = jwtcheck::decode_unverified(at_limit, limits);
  BOOST_TEST(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));

  const std::string over = token_of_size(limits.max_token_bytes + 1);
  BOOST_TEST_REQUIRE(over.size() == limits.max_token_bytes + 1);
  auto refused = jwtcheck::decode_unverified(over, limits);
  expect_code(refused, ErrorCode::token_too_large);
  BOOST_TEST(refused.error().message.find("16384") != std::string::npos, refused.error().message);
}

BOOST_AUTO_TEST_CASE(a_custom_token_limit_is_honoured_at_its_boundary) {
  Limits limits;
  limits.max_token_bytes = 300;
  BOOST_TEST(jwtcheck::decode_unverified(token_of_size(300), limits).ok());
  expect_code(jwtcheck::decode_unverified(token_of_size(301), limits), ErrorCode::token_too_large);
}

BOOST_AUTO_TEST_CASE(the_verifier_refuses_an_oversized_token_before_anything_else) {
  using namespace jwtcheck::test;
  const TestKey& key = cached_test_key(jwtcheck::Alg::ES256);
  auto policy = auth0_policy();
  const std::string good = auth0_token(key, jwtcheck::Alg::ES256);
  policy.limits.max_token_bytes = good.size();
  auto verifier = make_verifier(key_set_of({&key}), policy);
  auto at_limit = verifier.verify(good);
  BOOST_TEST(at_limit.ok(), (at_limit.ok() ? "" : at_limit.error().message));

  policy.limits.max_token_bytes = good.size() - 1;
  auto strict = make_verifier(key_set_of({&key}), policy);
  auto refused = strict.verify(good);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::token_too_large);
  auto report = strict.check(good);
  BOOST_TEST(!report.valid);
  BOOST_TEST_REQUIRE(!report.errors.empty());
  BOOST_TEST(report.errors.front().code == ErrorCode::token_too_large);
}

BOOST_AUTO_TEST_CASE(header_nesting_at_the_default_depth_decodes_and_one_deeper_is_json_too_deep) {
  const Limits limits;
  BOOST_TEST(limits.max_json_depth == 16u);
  const std::string claims = b64url(R"({"sub":"x"})");
  auto accepted = jwtcheck::decode_unverified(b64url(header_of_depth(16)) + "." + claims + ".AAAA", limits);
  BOOST_TEST(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  expect_code(jwtcheck::decode_unverified(b64url(header_of_depth(17)) + "." + claims + ".AAAA", limits),
              ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_CASE(claims_nesting_at_the_default_depth_decodes_and_one_deeper_is_json_too_deep) {
  const std::string header = b64url(R"({"alg":"ES256"})");
  auto accepted = jwtcheck::decode_unverified(header + "." + b64url(claims_of_depth(16)) + ".AAAA");
  BOOST_TEST(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  expect_code(jwtcheck::decode_unverified(header + "." + b64url(claims_of_depth(17)) + ".AAAA"),
              ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_CASE(a_custom_depth_limit_is_honoured_and_objects_count_like_arrays) {
  Limits limits;
  limits.max_json_depth = 3;
  const std::string header = b64url(R"({"alg":"ES256"})");
  auto accepted = jwtcheck::decode_unverified(header + "." + b64url(R"({"a":{"b":[1]}})") + ".AAAA", limits);
  BOOST_TEST(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  expect_code(jwtcheck::decode_unverified(header + "." + b64url(R"({"a":{"b":[{}]}})") + ".AAAA", limits),
              ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_CASE(a_million_brackets_are_refused_quickly_without_exhausting_the_stack) {
  const std::string header = b64url(R"({"alg":"ES256"})");
  const std::string deep = R"({"x":)" + std::string(1'000'000, '[');
  Limits limits;
  limits.max_token_bytes = 4'000'000;
  expect_code(jwtcheck::decode_unverified(header + "." + b64url(deep) + ".AAAA", limits), ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_SUITE_END()
