// The GoogleTest adapter: passes on a matching token, and a failed expectation's failure message
// is the whole report (checked with gtest-spi, which captures failures instead of failing).
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/expect.hpp>
#include <jwtcheck/testing/gtest.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <array>
#include <string>

namespace {

using namespace jwtcheck;
using namespace jwtcheck::testing;

constexpr std::int64_t now = 1'700'000'000;

const SigningKey& test_key() {
  static const SigningKey key = *SigningKey::generate(Alg::EdDSA, "ed-key");
  return key;
}

std::string minted_token() {
  Auth0Claims claims;
  claims.issuer = "https://tenant.example/";
  claims.client_id = "gtest-client";
  claims.audiences = {"https://api.example"};
  claims.scope = "read:reports";
  claims.issued_at = now;
  return *mint_token(test_key(), claims.to_json());
}

Result<VerifiedToken> verified_token() {
  const std::array<SigningKey, 1> keys{test_key()};
  Policy policy;
  policy.issuer = "https://tenant.example/";
  policy.audiences = {"https://api.example"};
  VerifierOptions options;
  options.clock = [] { return now; };
  auto verifier = Verifier::create(policy, std::move(parse_jwks(jwks_json(keys))->keys), std::move(options));
  return verifier->verify(minted_token());
}

// gtest-spi's EXPECT_*_FAILURE statements may not use locals: these helpers hold the failing checks.
void expect_wrong_issuer_and_scope() {
  JWTCHECK_EXPECT_TOKEN(expect_token(verified_token()).issuer_is("https://other/").has_scopes({"admin"}))
      << "context streamed by the caller";
}

void assert_wrong_audience_then_continue(bool& reached_after) {
  JWTCHECK_ASSERT_TOKEN(expect_unverified_token(minted_token()).audience_contains("https://nope"));
  reached_after = true;
}

bool reached_after_failed_assert = false;

void assert_wrong_audience() { assert_wrong_audience_then_continue(reached_after_failed_assert); }

}  // namespace

TEST(JwtcheckGtestAdapter, PassesOnAMatchingVerifiedToken) {
  const auto verified = verified_token();
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  JWTCHECK_ASSERT_TOKEN(expect_token(verified).issuer_is("https://tenant.example/").subject_is_client("gtest-client"));
  JWTCHECK_EXPECT_TOKEN(expect_token(verified).alg_is_one_of({Alg::EdDSA}).has_exactly_scopes({"read:reports"}));
  EXPECT_TRUE(gtest::meets_expectations(expect_token(verified).audience_contains("https://api.example")));
}

TEST(JwtcheckGtestAdapter, TheAssertionResultCarriesTheReport) {
  const ::testing::AssertionResult result =
      gtest::meets_expectations(expect_unverified_token(minted_token()).issuer_is("https://x/"));
  EXPECT_FALSE(result);
  const std::string message = result.message();
  EXPECT_NE(message.find("UNVERIFIED (shape only) token (alg \"EdDSA\"): 1 of 1 expectations not met"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("  - iss: expected \"https://x/\", got \"https://tenant.example/\""), std::string::npos)
      << message;
}

TEST(JwtcheckGtestAdapter, ExpectPrintsTheReportAsTheFailureMessage) {
  EXPECT_NONFATAL_FAILURE(expect_wrong_issuer_and_scope(),
                          "verified token (alg \"EdDSA\"): 2 of 3 expectations not met\n"
                          "  - iss: expected \"https://other/\", got \"https://tenant.example/\"\n"
                          "  - scope: expected to include [\"admin\"], got scope \"read:reports\" "
                          "(missing [\"admin\"])\n");
  EXPECT_NONFATAL_FAILURE(expect_wrong_issuer_and_scope(), "context streamed by the caller");
}

TEST(JwtcheckGtestAdapter, AssertPrintsTheReportAndStopsTheFunction) {
  EXPECT_FATAL_FAILURE(assert_wrong_audience(),
                       "  - aud: expected to contain \"https://nope\", got \"https://api.example\"");
  EXPECT_FALSE(reached_after_failed_assert);
}
