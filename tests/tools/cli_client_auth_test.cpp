// `jwtcheck token` with client authentication without a secret (--private-key-file, issue 21) and
// DPoP-bound tokens (--dpop-key, --dpop-proof), against a LocalTenant over real TLS on loopback.
// The proof `token` prints is checked end to end by `jwtcheck verify --dpop`.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/token.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::testing::LocalTenant;

namespace {

struct ClientKeyFixture {
  TempDir dir;
  jwtcheck::testing::SigningKey client_key = make_key(jwtcheck::Alg::ES256, "client-1");
  std::unique_ptr<LocalTenant> tenant;
  jwtcheck::testing::TenantClient client;
  std::string audience;
  std::string key_file, other_key_file, dpop_key_file;

  ClientKeyFixture() {
    client = jwtcheck::testing::demo_client();
    client.public_key_pem = client_key.public_pem();
    jwtcheck::testing::LocalTenantOptions options;
    options.clients = {client};
    auto started = LocalTenant::start(options);
    BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? std::string() : started.error().message));
    tenant = std::move(*started);
    audience = client.audience_scopes.begin()->first;
    key_file = dir.write("client-key.pem", client_key.private_pem());
    other_key_file = dir.write("other-key.pem", make_key(jwtcheck::Alg::ES256, "other").private_pem());
    dpop_key_file = dir.write("dpop-key.pem", make_key(jwtcheck::Alg::ES256, "dpop").private_pem());
  }

  std::vector<std::string> token_args(std::vector<std::string> more) const {
    std::vector<std::string> args{"token",       "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(),
                                  "--client-id", client.client_id, "--audience", audience};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
};

// No secret anywhere: the key alone must do.
const EnvChanges no_secret{{"JWTCHECK_CLIENT_SECRET", ""}};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_client_auth, ClientKeyFixture)

BOOST_AUTO_TEST_CASE(private_key_jwt_gets_a_token) {
  const RunResult r = run_jwtcheck(token_args({"--private-key-file", key_file, "--key-id", "client-1"}), {}, no_secret);
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  const std::string token = r.out.substr(0, r.out.size() - 1);
  auto decoded = jwtcheck::decode_unverified(token);
  BOOST_TEST_REQUIRE(decoded.ok());
  BOOST_TEST(decoded->claims_json.find("\"sub\":\"" + client.client_id + "@clients\"") != std::string::npos);
  BOOST_TEST(r.all().find("PRIVATE KEY") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_or_unusable_key_is_refused_with_its_own_code) {
  const RunResult wrong = run_jwtcheck(token_args({"--private-key-file", other_key_file, "--json"}), {}, no_secret);
  BOOST_TEST(wrong.exit_code == 3, wrong.all());
  BOOST_TEST(wrong.out.find("invalid_client") != std::string::npos, wrong.all());

  const std::string garbage = dir.write("garbage.pem", "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n");
  const RunResult malformed = run_jwtcheck(token_args({"--private-key-file", garbage, "--json"}), {}, no_secret);
  BOOST_TEST(malformed.exit_code != 0);
  BOOST_TEST(error_codes(parse_output(malformed.out)) == "invalid_key", malformed.all());

  const std::string public_only = dir.write("public.pem", client_key.public_pem());
  const RunResult wrong_type = run_jwtcheck(token_args({"--private-key-file", public_only, "--json"}), {}, no_secret);
  BOOST_TEST(error_codes(parse_output(wrong_type.out)) == "invalid_key", wrong_type.all());

  const RunResult wrong_alg =
      run_jwtcheck(token_args({"--private-key-file", key_file, "--private-key-alg", "RS256", "--json"}), {}, no_secret);
  BOOST_TEST(error_codes(parse_output(wrong_alg.out)) == "key_mismatch", wrong_alg.all());
}

BOOST_AUTO_TEST_CASE(contradictory_client_authentication_flags_are_usage_errors) {
  const std::string secret_file = dir.write("secret", client.client_secret);
  const RunResult both = run_jwtcheck(
      token_args({"--private-key-file", key_file, "--client-secret-file", secret_file}), {}, no_secret);
  BOOST_TEST(both.exit_code == 2, both.all());
  const RunResult cert_alone = run_jwtcheck(token_args({"--client-cert", key_file}), {}, no_secret);
  BOOST_TEST(cert_alone.exit_code == 2, cert_alone.all());
  const RunResult proof_alone =
      run_jwtcheck(token_args({"--private-key-file", key_file, "--dpop-proof", "GET", "https://api.example/x"}), {},
                   no_secret);
  BOOST_TEST(proof_alone.exit_code == 2, proof_alone.all());
}

BOOST_AUTO_TEST_CASE(dpop_key_gets_a_bound_token_and_a_proof_that_verifies) {
  const std::string url = "https://api.example/reports";
  const RunResult r = run_jwtcheck(
      token_args({"--private-key-file", key_file, "--dpop-key", dpop_key_file, "--dpop-proof", "GET", url, "--json"}),
      {}, no_secret);
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  auto doc = parse_output(r.out);
  BOOST_TEST(doc["token_type"].GetString() == std::string("DPoP"));
  const std::string token = doc["access_token"].GetString();
  const std::string proof = doc["dpop_proof"].GetString();
  const std::vector<std::string> verify{"verify", "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(),
                                        "--audience", audience, "--binding", "required"};
  auto with = [&](std::vector<std::string> more) {
    auto args = verify;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  const RunResult ok = run_jwtcheck(with({"--dpop", proof, "--method", "GET", "--url", url, token}));
  BOOST_TEST(ok.exit_code == 0, ok.all());
  // The same proof for another request, and the token without its proof: refused.
  const RunResult other_url = run_jwtcheck(with({"--dpop", proof, "--method", "GET", "--url", url + "/2", "--json", token}));
  BOOST_TEST(other_url.exit_code == 1, other_url.all());
  BOOST_TEST(other_url.out.find("dpop_htu_mismatch") != std::string::npos, other_url.all());
  const RunResult bare = run_jwtcheck(with({"--json", token}));
  BOOST_TEST(bare.exit_code == 1, bare.all());
  BOOST_TEST(bare.out.find("dpop_proof_missing") != std::string::npos, bare.all());

  // Text output: the token, then the proof.
  const RunResult text = run_jwtcheck(
      token_args({"--private-key-file", key_file, "--dpop-key", dpop_key_file, "--dpop-proof", "POST", url}), {},
      no_secret);
  BOOST_TEST_REQUIRE(text.exit_code == 0, text.all());
  BOOST_TEST(std::count(text.out.begin(), text.out.end(), '\n') == 2);
}

BOOST_AUTO_TEST_CASE(check_with_dpop_key_verifies_the_bound_token_end_to_end) {
  const std::vector<std::string> args{"check",       "--tenant", tenant->domain(), "--cacert", tenant->ca_cert_path(),
                                      "--client-id", client.client_id, "--audience", audience,
                                      "--private-key-file", key_file, "--json"};
  auto with = [&](std::vector<std::string> more) {
    auto all = args;
    all.insert(all.end(), more.begin(), more.end());
    return all;
  };
  const RunResult bound = run_jwtcheck(with({"--dpop-key", dpop_key_file}), {}, no_secret);
  BOOST_TEST_REQUIRE(bound.exit_code == 0, bound.all());
  auto doc = parse_output(bound.out);
  BOOST_TEST(doc["token_request"]["token_type"].GetString() == std::string("DPoP"));
  BOOST_TEST(bound.out.find("\"binding\"") != std::string::npos, bound.out);
  // Without --dpop-key the same client gets a plain bearer token, which also passes check.
  const RunResult bearer = run_jwtcheck(args, {}, no_secret);
  BOOST_TEST(bearer.exit_code == 0, bearer.all());
  BOOST_TEST(parse_output(bearer.out)["token_request"]["token_type"].GetString() == std::string("Bearer"));
  // An unusable --dpop-key: its own code, no request.
  const std::string garbage = dir.write("dpop-garbage.pem", "not a key");
  const RunResult bad = run_jwtcheck(with({"--dpop-key", garbage}), {}, no_secret);
  BOOST_TEST(bad.exit_code != 0);
  BOOST_TEST(error_codes(parse_output(bad.out)) == "invalid_key", bad.all());
}

BOOST_AUTO_TEST_CASE(client_cert_gets_a_certificate_bound_token_that_verify_accepts) {
  const std::string dir_path = dir.path().string();
  const auto make_cert = [&](const std::string& name) {
    const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=" +
                                name + " -keyout " + dir_path + "/" + name + "-key.pem -out " + dir_path + "/" + name +
                                ".pem >/dev/null 2>&1";
    BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    return std::pair{dir_path + "/" + name + ".pem", dir_path + "/" + name + "-key.pem"};
  };
  const auto [cert, cert_key] = make_cert("mtls-cli");
  const auto [other_cert, other_key] = make_cert("other-cli");
  std::ifstream in(cert);
  auto mtls_client = client;
  mtls_client.public_key_pem.clear();
  mtls_client.certificate_pem = std::string(std::istreambuf_iterator<char>(in), {});
  jwtcheck::testing::LocalTenantOptions options;
  options.clients = {mtls_client};
  auto started = LocalTenant::start(options);
  BOOST_TEST_REQUIRE(started.ok());
  auto& mtls_tenant = **started;
  const std::vector<std::string> token{"token", "--tenant", mtls_tenant.domain(), "--cacert", mtls_tenant.ca_cert_path(),
                                       "--client-id", client.client_id, "--audience", audience};
  auto with = [](std::vector<std::string> args, std::vector<std::string> more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  const RunResult got = run_jwtcheck(with(token, {"--client-cert", cert, "--client-key", cert_key}), {}, no_secret);
  BOOST_TEST_REQUIRE(got.exit_code == 0, got.all());
  const std::string access_token = got.out.substr(0, got.out.size() - 1);
  const std::vector<std::string> verify{"verify", "--tenant", mtls_tenant.domain(), "--cacert", mtls_tenant.ca_cert_path(),
                                        "--audience", audience, "--binding", "required"};
  const RunResult ok = run_jwtcheck(with(verify, {"--client-cert", cert, access_token}));
  BOOST_TEST(ok.exit_code == 0, ok.all());
  const RunResult mismatch = run_jwtcheck(with(verify, {"--client-cert", other_cert, "--json", access_token}));
  BOOST_TEST(mismatch.exit_code == 1, mismatch.all());
  BOOST_TEST(mismatch.out.find("mtls_thumbprint_mismatch") != std::string::npos, mismatch.all());
  const RunResult refused = run_jwtcheck(with(token, {"--client-cert", other_cert, "--client-key", other_key}), {}, no_secret);
  BOOST_TEST(refused.exit_code == 3, refused.all());
  BOOST_TEST(refused.all().find("invalid_client") != std::string::npos, refused.all());
}

BOOST_AUTO_TEST_SUITE_END()
