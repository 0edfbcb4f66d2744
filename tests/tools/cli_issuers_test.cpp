// Several --issuer (issue 20) against two LocalTenants over real TLS: the token's iss picks the
// issuer (the library's IssuerSet), only that issuer's keys are fetched (through its discovery
// document), and a token naming an issuer not given causes no request to either tenant.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"
#include "support/temp_dir.hpp"

#include <jwtcheck/testing/local_tenant.hpp>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <memory>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::testing::LocalTenant;

namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct TwoTenants {
  std::unique_ptr<LocalTenant> a, b;
  TempDir dir;
  std::string ca_bundle;  // both tenants' CA certificates, for --cacert

  TwoTenants() {
    for (auto* tenant : {&a, &b}) {
      auto started = LocalTenant::start();
      BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? std::string() : started.error().message));
      *tenant = std::move(*started);
    }
    ca_bundle = dir.write("ca-bundle.pem", file_text(a->ca_cert_path()) + file_text(b->ca_cert_path()));
  }

  // A token of `tenant`, naming `issuer` (empty: the tenant's own).
  std::string token_of(LocalTenant& tenant, const std::string& issuer = {}) {
    const auto client = tenant.clients().front();
    jwtcheck::testing::Auth0Claims claims;
    claims.client_id = client.client_id;
    claims.audiences = {audience};
    claims.issuer = issuer;
    auto token = tenant.mint(claims);
    BOOST_TEST_REQUIRE(token.ok());
    return *token;
  }

  std::vector<std::string> verify_args(const std::string& token) const {
    return {"verify", "--issuer", a->issuer(), "--issuer", b->issuer(), "--audience", audience,
            "--cacert", ca_bundle, "--json", token};
  }

  int requests(const LocalTenant& tenant) const {
    const auto counts = tenant.counts();
    return counts.token + counts.jwks + counts.discovery + counts.other;
  }

  const std::string audience = "https://api.issuers.test/";
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_issuers, TwoTenants)

BOOST_AUTO_TEST_CASE(each_tenants_token_verifies_and_only_its_keys_are_fetched) {
  const std::string from_a = token_of(*a), from_b = token_of(*b);
  a->reset_counts();
  b->reset_counts();
  const RunResult ok_a = run_jwtcheck(verify_args(from_a));
  BOOST_TEST(ok_a.exit_code == 0, ok_a.all());
  BOOST_TEST(a->counts().discovery == 1);
  BOOST_TEST(a->counts().jwks == 1);
  BOOST_TEST(requests(*b) == 0);  // the other issuer's keys were never asked for

  a->reset_counts();
  const RunResult ok_b = run_jwtcheck(verify_args(from_b));
  BOOST_TEST(ok_b.exit_code == 0, ok_b.all());
  BOOST_TEST(b->counts().discovery == 1);
  BOOST_TEST(b->counts().jwks == 1);
  BOOST_TEST(requests(*a) == 0);
}

BOOST_AUTO_TEST_CASE(a_token_of_one_tenant_claiming_the_other_is_refused) {
  // Signed by A's key, naming B: B's keys are fetched and do not verify it.
  const RunResult r = run_jwtcheck(verify_args(token_of(*a, b->issuer())));
  BOOST_TEST(r.exit_code == 1, r.all());
  const std::string codes = error_codes(parse_output(r.out));
  BOOST_TEST((codes == "key_not_found" || codes == "bad_signature"), r.all());
}

BOOST_AUTO_TEST_CASE(a_third_issuer_is_refused_and_no_tenant_sees_a_request) {
  const std::string third = token_of(*a, "https://third.example/");
  a->reset_counts();
  b->reset_counts();
  const RunResult r = run_jwtcheck(verify_args(third));
  BOOST_TEST(r.exit_code == 1, r.all());
  BOOST_TEST(error_codes(parse_output(r.out)) == "unknown_issuer", r.all());
  BOOST_TEST(requests(*a) == 0);
  BOOST_TEST(requests(*b) == 0);
}

BOOST_AUTO_TEST_CASE(a_discovery_document_naming_another_issuer_is_refused) {
  // "https://HOST:PORT" (no slash) is configured and named by the token; the tenant's document
  // says "https://HOST:PORT/": not the same issuer (RFC 8414 §3.3), so no keys are taken from it.
  const std::string token = token_of(*a, a->base_url());
  a->reset_counts();
  const RunResult r = run_jwtcheck({"verify", "--issuer", a->base_url(), "--issuer", b->issuer(), "--audience",
                                    audience, "--cacert", ca_bundle, "--json", token});
  BOOST_TEST(r.exit_code != 0, r.all());
  BOOST_TEST(r.exit_code != 1, r.all());  // not a verdict on the token: the keys could not be had
  BOOST_TEST(r.out.find("issuer") != std::string::npos, r.all());
  BOOST_TEST(a->counts().jwks == 0);
  BOOST_TEST(requests(*b) == 0);
}

BOOST_AUTO_TEST_CASE(an_issuer_without_openid_discovery_gets_its_keys_through_rfc8414) {
  jwtcheck::testing::LocalTenantOptions options;
  options.openid_configuration = false;  // /.well-known/openid-configuration answers 404
  auto started = LocalTenant::start(options);
  BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? std::string() : started.error().message));
  LocalTenant& oauth = **started;
  const std::string token = token_of(oauth);
  oauth.reset_counts();
  const RunResult r = run_jwtcheck({"verify", "--issuer", oauth.issuer(), "--issuer", a->issuer(), "--audience",
                                    audience, "--cacert", oauth.ca_cert_path(), "--json", token});
  BOOST_TEST(r.exit_code == 0, r.all());
  BOOST_TEST(oauth.counts().discovery == 1);  // RFC 8414's document (OpenID's 404 counts as "other")
  BOOST_TEST(oauth.counts().other == 1);
  BOOST_TEST(oauth.counts().jwks == 1);
  BOOST_TEST(requests(*a) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
