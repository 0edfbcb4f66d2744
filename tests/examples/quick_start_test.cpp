// Runs the README's quick start against the local HTTPS tenant: real TLS, real JWKS download.
#include "quick_start.hpp"

#include <jwtcheck/testing/local_tenant.hpp>

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::testing;

BOOST_AUTO_TEST_CASE(quick_start_accepts_the_tenants_tokens_and_nothing_else) {
  auto tenant = LocalTenant::start();
  BOOST_REQUIRE(tenant.ok());
  const TenantClient client = (*tenant)->clients().front();
  const std::string api = client.audience_scopes.begin()->first;
  HttpOptions http;
  http.ca_file = (*tenant)->ca_cert_path();
  auto verifier = make_verifier((*tenant)->domain(), api, http);
  BOOST_REQUIRE_MESSAGE(verifier.ok(), (verifier.ok() ? std::string() : verifier.error().message));

  Auth0Claims claims;
  claims.client_id = client.client_id;
  claims.audiences = {api};
  claims.scope = "read:reports";
  auto good = (*tenant)->mint(claims);
  BOOST_REQUIRE(good.ok());
  const auto accepted = client_of(*verifier, "Bearer " + *good);
  BOOST_REQUIRE(accepted.has_value());
  BOOST_TEST(*accepted == client.client_id);

  BOOST_TEST(!client_of(*verifier, *good).has_value());  // no "Bearer "
  BOOST_TEST(!client_of(*verifier, "Bearer " + *good + "x").has_value());
  claims.scope = "write:reports";  // lacks the required scope
  auto unscoped = (*tenant)->mint(claims);
  BOOST_REQUIRE(unscoped.ok());
  BOOST_TEST(!client_of(*verifier, "Bearer " + *unscoped).has_value());
  claims.scope = "read:reports";
  claims.audiences = {"https://another.api"};
  auto other_api = (*tenant)->mint(claims);
  BOOST_REQUIRE(other_api.ok());
  BOOST_TEST(!client_of(*verifier, "Bearer " + *other_api).has_value());
}
