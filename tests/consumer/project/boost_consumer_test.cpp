// A Boost.Test program outside the jwtcheck tree, built with
// `pkg-config --cflags --libs jwtcheck-testing-boost` against an installed jwtcheck.
#define BOOST_TEST_MODULE jwtcheck_boost_consumer
#include <jwtcheck/testing/boost_test.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

BOOST_AUTO_TEST_CASE(minted_token_has_its_shape) {
  using namespace jwtcheck;
  auto key = testing::SigningKey::generate(Alg::ES256, "boost-consumer");
  BOOST_TEST_REQUIRE(static_cast<bool>(key));
  testing::Auth0Claims claims;
  claims.issuer = "https://tenant.example/";
  claims.client_id = "boost-consumer";
  claims.audiences = {"https://api.example"};
  claims.scope = "read:things";
  auto token = testing::mint_token(*key, claims.to_json());
  BOOST_TEST_REQUIRE(static_cast<bool>(token));
  JWTCHECK_CHECK_TOKEN(testing::expect_unverified_token(*token).issuer_is("https://tenant.example/").has_scopes({"read:things"}));
}
