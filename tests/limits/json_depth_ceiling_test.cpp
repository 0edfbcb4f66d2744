// Limits::max_json_depth is the caller's, but JSON is parsed by a reader that recurses once per
// level: a huge limit must not let a hostile document (a 512 KiB JWKS is 256 Ki levels of "[")
// overflow the stack. Parsers stop at max_json_depth_ceiling whatever the limit says, and a
// Verifier refuses a policy above it (invalid_policy) rather than pretend to honour it.
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/limits.hpp>
#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier.hpp>

#include "../verify/verify_fixture.hpp"
#include "support/error_printing.hpp"
#include "support/token_builder.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

Limits unbounded_depth() {
  Limits limits;
  limits.max_json_depth = 100'000'000;
  return limits;
}

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

BOOST_AUTO_TEST_SUITE(json_depth_ceiling)

BOOST_AUTO_TEST_CASE(a_huge_depth_limit_still_stops_at_the_ceiling) {
  static_assert(max_json_depth_ceiling >= Limits{}.max_json_depth);
  const Limits limits = unbounded_depth();
  // As deep as the JWKS size limit allows: far past what a recursive reader survives.
  const std::size_t levels = (limits.max_jwks_bytes - 64) / 2;
  auto jwks = parse_jwks(R"({"keys":[],"x":)" + nested_arrays(levels) + "}", limits);
  BOOST_TEST_REQUIRE(!jwks.ok());
  BOOST_TEST(jwks.error().code == ErrorCode::json_too_deep, jwks.error().message);
  auto jwk = parse_jwk(R"({"kty":"EC","x":)" + nested_arrays(levels) + "}", limits);
  BOOST_TEST_REQUIRE(!jwk.ok());
  BOOST_TEST(jwk.error().code == ErrorCode::json_too_deep, jwk.error().message);
  // At the ceiling itself a document still parses (here: a JWKS without usable keys).
  auto at_ceiling = parse_jwks(R"({"keys":[],"x":)" + nested_arrays(max_json_depth_ceiling - 1) + "}", limits);
  BOOST_TEST(at_ceiling.ok(), (at_ceiling.ok() ? "" : at_ceiling.error().message));
  auto past_ceiling = parse_jwks(R"({"keys":[],"x":)" + nested_arrays(max_json_depth_ceiling) + "}", limits);
  BOOST_TEST_REQUIRE(!past_ceiling.ok());
  BOOST_TEST(past_ceiling.error().code == ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_CASE(token_json_stops_at_the_ceiling_too) {
  Limits limits = unbounded_depth();
  limits.max_token_bytes = 1024 * 1024;
  const std::string claims = R"({"x":)" + nested_arrays(250'000) + "}";
  auto decoded = decode_unverified(compact_token(R"({"alg":"ES256"})", claims), limits);
  BOOST_TEST_REQUIRE(!decoded.ok());
  BOOST_TEST(decoded.error().code == ErrorCode::json_too_deep, decoded.error().message);
}

BOOST_AUTO_TEST_CASE(a_verifier_refuses_a_depth_limit_above_the_ceiling) {
  const TestKey& key = cached_test_key(Alg::ES256);
  Policy policy = auth0_policy();
  policy.limits.max_json_depth = max_json_depth_ceiling + 1;
  auto refused = Verifier::create(policy, key_set_of({&key}));
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::invalid_policy, refused.error().message);
  policy.limits.max_json_depth = max_json_depth_ceiling;
  auto accepted = Verifier::create(policy, key_set_of({&key}));
  BOOST_TEST(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
}

BOOST_AUTO_TEST_SUITE_END()
