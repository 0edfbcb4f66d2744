// Example (shown in the README): a Boost.Test test that mints a token, verifies it and asserts its
// shape with the expectation kit, and what a failure prints.
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/boost_test.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::testing;

BOOST_AUTO_TEST_CASE(minted_token_has_the_m2m_shape) {
  auto key = SigningKey::generate(Alg::ES256, "test-key");
  BOOST_REQUIRE(key.ok());

  Auth0Claims claims;
  claims.issuer = "https://tenant.example/";
  claims.client_id = "billing-service";
  claims.audiences = {"https://api.example"};
  claims.scope = "read:invoices";
  claims.lifetime_seconds = 3600;
  auto token = mint_token(*key, claims.to_json());
  BOOST_REQUIRE(token.ok());

  auto public_key = key->verification_key();
  BOOST_REQUIRE(public_key.ok());
  Policy policy;
  policy.issuer = "https://tenant.example/";
  policy.audiences = {"https://api.example"};
  auto verifier = Verifier::create(policy, KeySet({*public_key}));
  BOOST_REQUIRE(verifier.ok());

  JWTCHECK_REQUIRE_TOKEN(expect_token(verifier->verify(*token))
                             .issuer_is("https://tenant.example/")
                             .subject_is_client("billing-service")
                             .has_exactly_scopes({"read:invoices"})
                             .alg_is_one_of({Alg::ES256})
                             .expires_within(std::chrono::hours(1)));
}

BOOST_AUTO_TEST_CASE(a_wrong_token_lists_every_mismatch) {
  auto key = SigningKey::generate(Alg::ES256, "test-key");
  BOOST_REQUIRE(key.ok());
  Auth0Claims claims;
  claims.issuer = "https://staging.example/";
  claims.client_id = "billing-service";
  claims.scope = "read:invoices";
  auto token = mint_token(*key, claims.to_json());
  BOOST_REQUIRE(token.ok());

  auto result = boost_test::meets_expectations(expect_unverified_token(*token)
                                                   .issuer_is("https://tenant.example/")
                                                   .has_scopes({"read:invoices", "write:invoices"}));
  BOOST_TEST(!result);
  // JWTCHECK_CHECK_TOKEN on this expectation would fail the test with this message:
  BOOST_TEST(result.message().str() ==
             "\n"
             "UNVERIFIED (shape only) token (alg \"ES256\"): 2 of 2 expectations not met\n"
             "  - iss: expected \"https://tenant.example/\", got \"https://staging.example/\"\n"
             "  - scope: expected to include [\"read:invoices\", \"write:invoices\"], "
             "got scope \"read:invoices\" (missing [\"write:invoices\"])\n");
}
