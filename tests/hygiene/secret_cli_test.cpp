// Secret hygiene through the built jwtcheck binary ($JWTCHECK_BIN): failing token requests
// (wrong secret, every server fault) and failing HS verifications (wrong, short, empty, missing
// secret files), in human and --json output — no form of the secret is ever printed.
#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "support/process_runner.hpp"
#include "support/temp_dir.hpp"
#include "hygiene/secret_forms.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

using jwtcheck::test::RunResult;
using jwtcheck::test::TempDir;
using jwtcheck::test::run_jwtcheck;
using jwtcheck::test::unset_env;
using jwtcheck::testing::Fault;

namespace {

const std::string test_issuer = "https://tenant.example/";
const std::string test_audience = "https://api.example";

jwtcheck::testing::Auth0Claims auth0_claims() {
  jwtcheck::testing::Auth0Claims claims;
  claims.issuer = test_issuer;
  claims.client_id = "hs-client";
  claims.audiences = {test_audience};
  return claims;
}

std::string mint(const jwtcheck::testing::SigningKey& key, const jwtcheck::testing::Auth0Claims& claims) {
  auto token = jwtcheck::testing::mint_token(key, claims.to_json());
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : token.error().message));
  return *token;
}

const std::string tenant_secret = "hyg-CLI-TENANT+/&=%secret-b81f";
const std::string wrong_secret = "hyg-CLI-WRONG+/&=%secret-9d3e";
const std::string client_id = "hygiene-cli-client";
const std::string audience = "https://api.hygiene.test";

struct TenantFixture {
  std::unique_ptr<jwtcheck::testing::LocalTenant> tenant;

  TenantFixture() {
    jwtcheck::testing::LocalTenantOptions options;
    jwtcheck::testing::TenantClient client;
    client.client_id = client_id;
    client.client_secret = tenant_secret;
    client.audience_scopes[audience] = "read:reports";
    options.clients = {client};
    auto started = jwtcheck::testing::LocalTenant::start(std::move(options));
    BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? std::string() : started.error().message));
    tenant = std::move(*started);
  }

  std::vector<std::string> args(const std::string& command, std::vector<std::string> more = {}) const {
    std::vector<std::string> all{command, "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(),
                                 "--client-id", client_id, "--audience", audience, "--timeout", "2"};
    all.insert(all.end(), more.begin(), more.end());
    return all;
  }
};

void expect_clean(const RunResult& run, const std::string& what) {
  BOOST_TEST(run.signal == 0, what << ": killed by signal " << run.signal);
  BOOST_TEST(run.exit_code != 0, what << ": expected a failure exit code");
  BOOST_TEST(!run.all().empty(), what << ": a failure must say why");
  for (const auto& secret : {tenant_secret, wrong_secret}) hygiene::expect_no_secret(run.all(), secret, client_id, what);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(secret_cli, TenantFixture)

BOOST_AUTO_TEST_CASE(a_wrong_secret_from_env_or_file_is_never_printed) {
  TempDir dir;
  const std::string file = dir.write("secret", wrong_secret + "\n");
  for (const std::string command : {"token", "check"}) {
    for (const std::vector<std::string>& output : {std::vector<std::string>{}, std::vector<std::string>{"--json"}}) {
      const std::string what = command + (output.empty() ? "" : " --json");
      expect_clean(run_jwtcheck(args(command, output), {}, {{"JWTCHECK_CLIENT_SECRET", wrong_secret}}),
                   what + " (env)");
      auto with_file = output;
      with_file.insert(with_file.end(), {"--client-secret-file", file});
      expect_clean(run_jwtcheck(args(command, with_file), {}, {{"JWTCHECK_CLIENT_SECRET", unset_env}}),
                   what + " (file)");
    }
  }
}

BOOST_AUTO_TEST_CASE(every_server_fault_is_reported_without_the_secret) {
  for (auto kind : {Fault::Kind::http_500, Fault::Kind::http_429, Fault::Kind::invalid_json,
                    Fault::Kind::oversized_body, Fault::Kind::drop_connection, Fault::Kind::delay}) {
    tenant->clear_faults();
    Fault fault{};
    fault.kind = kind;
    fault.endpoint = jwtcheck::testing::Endpoint::any;
    fault.delay = std::chrono::seconds(3);
    fault.retry_after_seconds = 0;
    tenant->add_fault(fault);
    for (const std::string command : {"token", "check"}) {
      const std::string what = command + " with fault " + std::to_string(static_cast<int>(kind));
      expect_clean(run_jwtcheck(args(command, {"--json"}), {}, {{"JWTCHECK_CLIENT_SECRET", tenant_secret}}), what);
      expect_clean(run_jwtcheck(args(command), {}, {{"JWTCHECK_CLIENT_SECRET", tenant_secret}}), what + " (human)");
    }
  }
  tenant->clear_faults();
}

BOOST_AUTO_TEST_CASE(bad_hs_secret_files_are_never_printed) {
  TempDir dir;
  const std::string secret = "hyg-CLI-HMAC-secret-32-bytes-long-7c2d";
  auto key = jwtcheck::testing::SigningKey::from_hmac_secret(jwtcheck::Alg::HS256, secret, "hs");
  BOOST_TEST_REQUIRE(key.ok());
  const std::string token = mint(*key, auth0_claims());
  const std::string other_secret = "hyg-CLI-OTHER-secret-32-bytes-long-e5a1";
  const std::string short_secret = "hyg-CLI-short-secret";
  const std::vector<std::pair<std::string, std::string>> files = {
      {"wrong secret", dir.write("wrong", other_secret + "\n")},
      {"short secret", dir.write("short", short_secret)},
      {"empty file", dir.write("empty", "")},
      {"missing file", (dir.path() / "missing").string()},
      {"a directory", dir.path().string()},
  };
  for (const auto& [what, file] : files) {
    for (const std::vector<std::string>& output : {std::vector<std::string>{}, std::vector<std::string>{"--json"}}) {
      std::vector<std::string> run_args{"verify", "--hs-secret-file", file, "--alg", "HS256", "--issuer", test_issuer,
                                        "--audience", test_audience};
      run_args.insert(run_args.end(), output.begin(), output.end());
      run_args.push_back(token);
      const RunResult run = run_jwtcheck(run_args);
      const std::string label = what + (output.empty() ? "" : " --json");
      BOOST_TEST(run.exit_code != 0, label << ": " << run.all());
      for (const auto& s : {secret, other_secret, short_secret}) hygiene::expect_no_secret(run.all(), s, "", label);
    }
  }
  // A refused token (expired) verified with the right secret: the report still hides it.
  auto expired = auth0_claims();
  expired.issued_at = 1000;
  expired.lifetime_seconds = 60;
  const std::string file = dir.write("right", secret);
  const RunResult refused = run_jwtcheck({"verify", "--json", "--hs-secret-file", file, "--alg", "HS256", "--issuer",
                                          test_issuer, "--audience", test_audience, mint(*key, expired)});
  BOOST_TEST(refused.exit_code == 1, refused.all());
  hygiene::expect_no_secret(refused.all(), secret, "", "expired token, right secret");
}

BOOST_AUTO_TEST_SUITE_END()
