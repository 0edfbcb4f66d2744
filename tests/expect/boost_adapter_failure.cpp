// Deliberately failing: check_failure_output.py runs this and checks that Boost.Test prints the
// expectation report as the failure message, and that REQUIRE stops the test case.
#include <jwtcheck/testing/boost_test.hpp>

#include "expect/expect_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>

using namespace jwtcheck::testing;
using namespace jwtcheck::testing::expect_test;

BOOST_AUTO_TEST_CASE(deliberately_unmet_token_expectations) {
  const std::string token = mint(tenant_claims());
  JWTCHECK_CHECK_TOKEN(expect_unverified_token(token).issuer_is("https://expected.example/").has_scopes({"admin"}));
  std::puts("MARKER: continued after CHECK");
  Auth0Claims for_another_api = tenant_claims();
  for_another_api.audiences = {"https://api.other"};
  JWTCHECK_REQUIRE_TOKEN(expect_token(tenant_verifier().verify(mint(for_another_api))).audience_contains(audience));
  std::puts("MARKER: continued after REQUIRE");
}
