// `jwtcheck token` and `jwtcheck check` against a LocalTenant over real TLS on loopback.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <jwtcheck/testing/local_tenant.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::testing::LocalTenant;

namespace {

struct TenantFixture {
  std::unique_ptr<LocalTenant> tenant;
  jwtcheck::testing::TenantClient client;
  std::string audience;

  TenantFixture() {
    auto started = LocalTenant::start();
    BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? std::string() : started.error().message));
    tenant = std::move(*started);
    client = tenant->clients().front();
    audience = client.audience_scopes.begin()->first;
  }

  std::vector<std::string> token_args(std::vector<std::string> more = {}) const {
    std::vector<std::string> args{"token",       "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(),
                                  "--client-id", client.client_id, "--audience", audience};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  std::vector<std::string> check_args(std::vector<std::string> more = {}) const {
    auto args = token_args(std::move(more));
    args[0] = "check";
    return args;
  }
  EnvChanges secret_env() const { return {{"JWTCHECK_CLIENT_SECRET", client.client_secret}}; }
};

const std::string wrong_secret = "definitely-the-wrong-secret-0123456789";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_fetch, TenantFixture)

// Several --issuer (issue 20): the token's iss picks one; without key flags its keys come from its
// discovery document; a token naming an unlisted issuer is refused with no request to anyone.
BOOST_AUTO_TEST_CASE(several_issuers_the_token_picks_one_and_unlisted_issuers_cause_no_fetch) {
  jwtcheck::testing::Auth0Claims claims;
  claims.client_id = client.client_id;
  claims.audiences = {audience};
  auto token = tenant->mint(claims);
  BOOST_TEST_REQUIRE(token.ok());
  tenant->reset_counts();
  const RunResult picked = run_jwtcheck({"verify", "--issuer", "https://staging.example/", "--issuer", tenant->issuer(),
                                         "--audience", audience, "--cacert", tenant->ca_cert_path(), "--json", *token});
  BOOST_TEST(picked.exit_code == 0, picked.all());
  BOOST_TEST(tenant->counts().discovery == 1);  // the keys of the issuer the token names, found by discovery
  BOOST_TEST(tenant->counts().jwks == 1);

  claims.issuer = "https://unlisted.example/";
  auto unlisted = tenant->mint(claims);
  BOOST_TEST_REQUIRE(unlisted.ok());
  tenant->reset_counts();
  const RunResult refused = run_jwtcheck({"verify", "--issuer", "https://staging.example/", "--issuer",
                                          tenant->issuer(), "--audience", audience, "--cacert",
                                          tenant->ca_cert_path(), "--json", *unlisted});
  BOOST_TEST(refused.exit_code == 1, refused.all());
  BOOST_TEST(refused.out.find("unknown_issuer") != std::string::npos, refused.all());
  BOOST_TEST(tenant->counts().discovery + tenant->counts().jwks + tenant->counts().token == 0);
}

BOOST_AUTO_TEST_CASE(token_prints_the_token_alone) {
  const RunResult r = run_jwtcheck(token_args(), {}, secret_env());
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  BOOST_TEST_REQUIRE(!r.out.empty());
  BOOST_TEST(r.out.back() == '\n');
  const std::string token = r.out.substr(0, r.out.size() - 1);
  BOOST_TEST(token.find('\n') == std::string::npos);
  BOOST_TEST(std::count(token.begin(), token.end(), '.') == 2);
  // What it printed is a token this tenant signed: verify it through the CLI.
  const RunResult verified = run_jwtcheck({"verify", "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(),
                                           "--audience", audience, token});
  BOOST_TEST(verified.exit_code == 0, verified.all());
  BOOST_TEST(r.all().find(client.client_secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(token_json_is_the_whole_response) {
  const RunResult r = run_jwtcheck(token_args({"--json", "--scope", "read:reports"}), {}, secret_env());
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  const auto doc = parse_output(r.out);
  BOOST_TEST(std::string(doc["token_type"].GetString()) == "Bearer");
  BOOST_TEST(doc["expires_in"].GetInt64() == 86400);
  BOOST_TEST(std::string(doc["scope"].GetString()) == "read:reports");
  BOOST_TEST(std::string(doc["access_token"].GetString()).size() > 100u);
}

BOOST_AUTO_TEST_CASE(token_with_secret_file_and_token_url) {
  TempDir dir;
  const std::string file = dir.write("secret", client.client_secret + "\n");
  const RunResult r = run_jwtcheck({"token", "--token-url", tenant->token_url(), "--cacert", tenant->ca_cert_path(),
                                    "--client-id", client.client_id, "--audience", audience, "--client-secret-file",
                                    file},
                                   {}, {{"JWTCHECK_CLIENT_SECRET", unset_env}});
  BOOST_TEST(r.exit_code == 0, r.all());
}

BOOST_AUTO_TEST_CASE(wrong_secret_exits_3_and_is_never_printed) {
  TempDir dir;
  const RunResult env = run_jwtcheck(token_args(), {}, {{"JWTCHECK_CLIENT_SECRET", wrong_secret}});
  BOOST_TEST(env.exit_code == 3, env.all());
  BOOST_TEST(env.err.find("oauth_error") != std::string::npos, env.err);
  // Auth0 answers a wrong secret with 401 access_denied: the hint is about the credentials only.
  BOOST_TEST(env.err.find("hint: check the client id") != std::string::npos, env.err);
  BOOST_TEST(env.err.find("audience") == std::string::npos, env.err);
  const std::string file = dir.write("secret", wrong_secret);
  const RunResult from_file = run_jwtcheck(token_args({"--json", "--client-secret-file", file}));
  BOOST_TEST(from_file.exit_code == 3, from_file.all());
  BOOST_TEST(error_codes(parse_output(from_file.out)) == "oauth_error");
  const RunResult check = run_jwtcheck(check_args({"--json"}), {}, {{"JWTCHECK_CLIENT_SECRET", wrong_secret}});
  BOOST_TEST(check.exit_code == 3, check.all());
  for (const RunResult* r : {&env, &from_file, &check}) {
    BOOST_TEST(r->all().find(wrong_secret) == std::string::npos, r->all());
    BOOST_TEST(r->all().find(client.client_secret) == std::string::npos);
  }
}

// A requested scope the tenant does not grant: a warning, an error with --strict (no token then).
BOOST_AUTO_TEST_CASE(ungranted_scope_warns_and_fails_with_strict) {
  const RunResult granted = run_jwtcheck(token_args({"--scope", "read:reports"}), {}, secret_env());
  BOOST_TEST(granted.exit_code == 0, granted.all());
  BOOST_TEST(granted.err.empty(), granted.err);
  const RunResult warned = run_jwtcheck(token_args({"-s", "read:reports admin"}), {}, secret_env());
  BOOST_TEST(warned.exit_code == 0, warned.all());
  BOOST_TEST(!warned.out.empty());
  BOOST_TEST(warned.err.find("warning: the tenant did not grant the requested scope \"admin\"") != std::string::npos,
             warned.err);
  const RunResult strict = run_jwtcheck(token_args({"--scope", "read:reports admin", "--strict", "--json"}), {},
                                        secret_env());
  BOOST_TEST(strict.exit_code == 1, strict.all());
  const auto doc = parse_output(strict.out);
  BOOST_TEST(std::string(doc["error"]["code"].GetString()) == "missing_scope");
  BOOST_TEST(!doc.HasMember("access_token"));
  // Short flags for the request: -t, -c, -a.
  const RunResult shorts = run_jwtcheck({"token", "-t", tenant->domain(), "--cacert", tenant->ca_cert_path(), "-c",
                                         client.client_id, "-a", audience},
                                        {}, secret_env());
  BOOST_TEST(shorts.exit_code == 0, shorts.all());
}

BOOST_AUTO_TEST_CASE(token_usage_errors_exit_2) {
  const std::vector<std::pair<std::vector<std::string>, EnvChanges>> cases = {
      {token_args(), {{"JWTCHECK_CLIENT_SECRET", unset_env}}},                                  // no secret
      {token_args({"--client-secret", client.client_secret}), secret_env()},                    // no such flag
      {{"token", "--tenant", tenant->domain(), "--audience", audience}, secret_env()},           // no client id
      {{"token", "--client-id", client.client_id, "--audience", audience}, secret_env()},        // no endpoint
      {{"token", "--token-url", "http://example.com/oauth/token", "--client-id", "x"}, secret_env()},
      {token_args({"--cacert", "/nonexistent/ca.pem"}), secret_env()},
  };
  for (const auto& [args, env] : cases) {
    const RunResult r = run_jwtcheck(args, {}, env);
    BOOST_TEST(r.exit_code == 2, r.all());
    BOOST_TEST(r.all().find(client.client_secret) == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(token_failures_exit_3) {
  // No --cacert: the tenant's private CA is not trusted.
  std::vector<std::string> untrusted = token_args();
  untrusted.erase(untrusted.begin() + 3, untrusted.begin() + 5);
  const RunResult tls = run_jwtcheck(untrusted, {}, secret_env());
  BOOST_TEST(tls.exit_code == 3, tls.all());
  BOOST_TEST(tls.err.find("tls_failed") != std::string::npos, tls.err);
  BOOST_TEST(tls.err.find("hint: ") != std::string::npos, tls.err);
  BOOST_TEST(tls.err.find("--cacert") != std::string::npos, tls.err);
  const RunResult audience_unknown =
      run_jwtcheck({"token", "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(), "--client-id",
                    client.client_id, "--audience", "https://unknown.api"},
                   {}, secret_env());
  BOOST_TEST(audience_unknown.exit_code == 3, audience_unknown.all());
  const RunResult unreachable = run_jwtcheck(
      {"token", "--tenant", "127.0.0.1:1", "--client-id", client.client_id, "--audience", audience, "--timeout", "3"},
      {}, secret_env());
  BOOST_TEST(unreachable.exit_code == 3, unreachable.all());
  BOOST_TEST(unreachable.err.find("connect_failed") != std::string::npos, unreachable.err);
}

// verify fetching the JWKS from a tenant whose CA is not trusted: the cause (tls_failed) is the
// error's code, so the hint names --cacert, and the token could not be checked (exit 3).
BOOST_AUTO_TEST_CASE(verify_tls_failure_hints_at_cacert) {
  jwtcheck::testing::Auth0Claims claims;
  claims.client_id = client.client_id;
  claims.audiences = {audience};
  auto token = tenant->mint(claims);
  BOOST_TEST_REQUIRE(token.ok());
  const std::vector<std::string> args{"verify", "--tenant", tenant->domain(), "--audience", audience, "--timeout", "5"};
  const RunResult human = run_jwtcheck(args, *token);
  BOOST_TEST(human.exit_code == 3, human.all());
  BOOST_TEST(human.err.find("(tls_failed)") != std::string::npos, human.err);
  BOOST_TEST(human.err.find("hint: if the server's certificate comes from a private CA, pass it with --cacert FILE") !=
                 std::string::npos,
             human.err);
  auto json_args = args;
  json_args.push_back("--json");
  const RunResult json = run_jwtcheck(json_args, *token);
  BOOST_TEST(json.exit_code == 3, json.all());
  const auto doc = parse_output(json.out);
  BOOST_TEST(std::string(doc["error"]["code"].GetString()) == "tls_failed");
  BOOST_TEST(std::string(doc["error"]["hint"].GetString()).find("--cacert") != std::string::npos);
  BOOST_TEST(doc["error"]["exit_code"].GetInt() == 3);
}

BOOST_AUTO_TEST_CASE(check_valid_tenant) {
  const RunResult human = run_jwtcheck(check_args(), {}, secret_env());
  BOOST_TEST(human.exit_code == 0, human.all());
  BOOST_TEST(human.out.rfind("✓ VALID", 0) == 0, human.out);
  BOOST_TEST(human.out.find("✓ sub") != std::string::npos, human.out);
  const RunResult json = run_jwtcheck(check_args({"--json", "--scope", "read:reports"}), {}, secret_env());
  BOOST_TEST_REQUIRE(json.exit_code == 0, json.all());
  const auto doc = parse_output(json.out);
  BOOST_TEST(doc["valid"].GetBool());
  BOOST_TEST(std::string(doc["claims"]["sub"].GetString()) == client.client_id + "@clients");
  BOOST_TEST(std::string(doc["token_request"]["client_id"].GetString()) == client.client_id);
  BOOST_TEST(doc["scopes"].Size() == 1u);
  BOOST_TEST(doc["checks"].Size() > 3u);
  BOOST_TEST(json.all().find(client.client_secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_reports_a_missing_grant) {
  // The client grant lacks this scope: the tenant leaves it out, and check says so.
  const RunResult r = run_jwtcheck(check_args({"--json", "--scope", "read:reports delete:reports"}), {}, secret_env());
  BOOST_TEST(r.exit_code == 1, r.all());
  BOOST_TEST(error_codes(parse_output(r.out)) == "missing_scope");
  const RunResult required = run_jwtcheck(check_args({"--require-scope", "admin"}), {}, secret_env());
  BOOST_TEST(required.exit_code == 1, required.all());
}

BOOST_AUTO_TEST_CASE(check_with_wrong_issuer_is_refused) {
  const RunResult r = run_jwtcheck(check_args({"--json", "--issuer", tenant->base_url()}), {}, secret_env());
  BOOST_TEST(r.exit_code == 1, r.all());  // "https://HOST" is not "https://HOST/"
  BOOST_TEST(error_codes(parse_output(r.out)) == "issuer_mismatch");
}

BOOST_AUTO_TEST_CASE(verify_with_tenant_jwks_url_and_unknown_kid) {
  const RunResult token = run_jwtcheck(token_args(), {}, secret_env());
  BOOST_TEST_REQUIRE(token.exit_code == 0, token.all());
  const RunResult by_url = run_jwtcheck({"verify", "--jwks-url", tenant->jwks_url(), "--cacert",
                                         tenant->ca_cert_path(), "--issuer", tenant->issuer(), "--audience", audience},
                                        token.out);
  BOOST_TEST(by_url.exit_code == 0, by_url.all());
  // A key the tenant never published (same kid as nothing in its JWKS): refused, exit 1.
  auto forged = mint(make_key(jwtcheck::Alg::RS256, "forged-kid"), auth0_claims());
  const RunResult refused = run_jwtcheck({"verify", "--json", "--tenant", tenant->domain(), "--cacert",
                                          tenant->ca_cert_path(), "--audience", test_audience, "--issuer",
                                          test_issuer, forged});
  BOOST_TEST(refused.exit_code == 1, refused.all());
  BOOST_TEST(error_codes(parse_output(refused.out)) == "key_not_found");
}

BOOST_AUTO_TEST_SUITE_END()
