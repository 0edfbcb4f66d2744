// Limits on claims, at their boundaries: Limits::max_audiences and Limits::max_scopes, on both
// the server path (verify) and the inspection path (check).
#include <jwtcheck/limits.hpp>
#include <jwtcheck/verifier.hpp>

#include "support/error_printing.hpp"
#include "verify/verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

namespace {

using jwtcheck::Alg;
using jwtcheck::ErrorCode;
using namespace jwtcheck::test;

// ["https://api.example", "https://other-1", …]: `count` entries, the accepted audience first.
std::string audience_array(std::size_t count) {
  std::string json = "[" + quoted(kAudience);
  for (std::size_t i = 1; i < count; ++i) json += ",\"https://other-" + std::to_string(i) + "\"";
  return json + "]";
}

std::string scope_string(std::size_t count, std::string_view prefix = "s") {
  std::string scopes;
  for (std::size_t i = 0; i < count; ++i) scopes += (i ? " " : "") + std::string(prefix) + std::to_string(i);
  return scopes;
}

std::string permissions_array(std::size_t count) {
  std::string json = "[";
  for (std::size_t i = 0; i < count; ++i) json += (i ? ",\"p" : "\"p") + std::to_string(i) + "\"";
  return json + "]";
}

// Verifies `claims` on both paths: accepted, or refused with `code` on both.
void expect_verdict(const ClaimsJson& claims, std::optional<ErrorCode> code, jwtcheck::Policy policy = auth0_policy()) {
  const TestKey& key = cached_test_key(Alg::ES256);
  auto verifier = make_verifier(key_set_of({&key}), policy);
  const std::string token = auth0_token(key, Alg::ES256, claims);
  auto verified = verifier.verify(token);
  auto report = verifier.check(token);
  if (!code) {
    BOOST_TEST(verified.ok(), (verified.ok() ? "" : verified.error().message));
    BOOST_TEST(report.valid);
    return;
  }
  BOOST_TEST_REQUIRE(!verified.ok());
  BOOST_TEST(verified.error().code == *code, verified.error().message);
  BOOST_TEST(!report.valid);
  bool reported = false;
  for (const auto& error : report.errors) reported = reported || error.code == *code;
  BOOST_TEST(reported);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(claim_limits)

BOOST_AUTO_TEST_CASE(exactly_max_audiences_entries_are_accepted_and_one_more_is_invalid_claim) {
  BOOST_TEST(jwtcheck::Limits{}.max_audiences == 64u);
  expect_verdict(auth0_claims().set("aud", audience_array(64)), std::nullopt);
  expect_verdict(auth0_claims().set("aud", audience_array(65)), ErrorCode::invalid_claim);
}

BOOST_AUTO_TEST_CASE(a_custom_audience_limit_is_honoured) {
  auto policy = auth0_policy();
  policy.limits.max_audiences = 3;
  expect_verdict(auth0_claims().set("aud", audience_array(3)), std::nullopt, policy);
  expect_verdict(auth0_claims().set("aud", audience_array(4)), ErrorCode::invalid_claim, policy);
}

BOOST_AUTO_TEST_CASE(exactly_max_scopes_in_scope_are_accepted_and_one_more_is_invalid_claim) {
  BOOST_TEST(jwtcheck::Limits{}.max_scopes == 1024u);
  expect_verdict(auth0_claims().set_string("scope", scope_string(1024)), std::nullopt);
  expect_verdict(auth0_claims().set_string("scope", scope_string(1025)), ErrorCode::invalid_claim);
}

BOOST_AUTO_TEST_CASE(the_scope_limit_counts_scope_scp_and_permissions_together) {
  auto at_limit = auth0_claims().set_string("scope", scope_string(500)).set_string("scp", scope_string(24, "c"));
  at_limit.set("permissions", permissions_array(500));
  expect_verdict(at_limit, std::nullopt);
  auto over = auth0_claims().set_string("scope", scope_string(500)).set_string("scp", scope_string(24, "c"));
  over.set("permissions", permissions_array(501));
  expect_verdict(over, ErrorCode::invalid_claim);
}

BOOST_AUTO_TEST_CASE(a_custom_scope_limit_is_honoured) {
  auto policy = auth0_policy();
  policy.limits.max_scopes = 2;
  expect_verdict(auth0_claims().set_string("scope", "a b"), std::nullopt, policy);
  expect_verdict(auth0_claims().set_string("scope", "a b c"), ErrorCode::invalid_claim, policy);
}

BOOST_AUTO_TEST_SUITE_END()
