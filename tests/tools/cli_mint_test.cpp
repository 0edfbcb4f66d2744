// `jwtcheck mint`: signed test tokens of any shape, from a key file, an HMAC secret or the local
// tenant's key, that `jwtcheck verify` judges like any other token.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

BOOST_AUTO_TEST_SUITE(cli_mint)

BOOST_AUTO_TEST_CASE(mint_from_a_key_file_with_every_knob) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "mint-key");
  const std::string private_pem = dir.write("private.pem", key.private_pem());
  const RunResult minted = run_jwtcheck({"mint", "--key-file", private_pem, "--alg", "ES256", "--kid", "mint-key",
                                         "-i", test_issuer, "-a", test_audience, "-c", test_client, "-s",
                                         "read:reports admin", "--claims", R"({"org":"acme"})"});
  BOOST_TEST_REQUIRE(minted.exit_code == 0, minted.all());
  BOOST_TEST(minted.err.find("TEST token") != std::string::npos, minted.err);
  const std::string token = minted.out.substr(0, minted.out.find('\n'));
  const auto payload = parse_output(run_jwtcheck({"inspect", "--payload", token}).out);
  BOOST_TEST(std::string(payload["org"].GetString()) == "acme");
  BOOST_TEST(std::string(payload["scope"].GetString()) == "read:reports admin");
  BOOST_TEST(std::string(payload["sub"].GetString()) == test_client + "@clients");

  const RunResult verified = run_jwtcheck({"verify", "--json", "--jwks-file", write_jwks(dir, key), "-i", test_issuer,
                                           "-a", test_audience, "--require-scope", "admin", token});
  BOOST_TEST(verified.exit_code == 0, verified.all());

  // Already expired, another audience, another subject: each refused for exactly that reason.
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--expires-in", "-3600"}, "expired"},
      {{"-a", "https://other.api"}, "audience_mismatch"},
      {{"--subject", "someone"}, "subject_mismatch"},
  };
  for (const auto& [more, code] : cases) {
    std::vector<std::string> args{"mint", "--key-file", private_pem, "--alg", "ES256", "--kid", "mint-key",
                                  "-i", test_issuer, "-a", test_audience};
    args.insert(args.end(), more.begin(), more.end());
    if (more.front() == "-a") args.erase(args.begin() + 9, args.begin() + 11);
    const RunResult bad = run_jwtcheck(args);
    BOOST_TEST_REQUIRE(bad.exit_code == 0, bad.all());
    const RunResult refused = run_jwtcheck({"verify", "--json", "--jwks-file", write_jwks(dir, key), "-i", test_issuer,
                                            "-a", test_audience},
                                           bad.out);
    BOOST_TEST(refused.exit_code == 1, refused.all());
    BOOST_TEST(error_codes(parse_output(refused.out)).find(code) != std::string::npos, code + ": " + refused.out);
  }
}

BOOST_AUTO_TEST_CASE(mint_with_the_local_tenants_key) {
  TempDir dir;
  RunningProcess serve({"serve", "--port", "0", "--json", "--state-dir", dir.path().string()});
  const auto info = parse_output(serve.read_line(std::chrono::seconds(30)));
  const RunResult minted = run_jwtcheck({"mint", "--json", "--tenant-dir", dir.path().string(), "-s", "read:reports"});
  BOOST_TEST_REQUIRE(minted.exit_code == 0, minted.all());
  const auto doc = parse_output(minted.out);
  BOOST_TEST(doc["test_token"].GetBool());
  const RunResult verified = run_jwtcheck({"verify", "-t", info["domain"].GetString(), "--cacert",
                                           info["ca_cert"].GetString(), "-a", info["audience"].GetString(),
                                           "--require-scope", "read:reports"},
                                          doc["access_token"].GetString());
  BOOST_TEST(verified.exit_code == 0, verified.all());
  BOOST_TEST(serve.stop(SIGTERM, std::chrono::seconds(15)).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(mint_needs_a_key) {
  const RunResult r = run_jwtcheck({"mint", "--json"});
  BOOST_TEST(r.exit_code == 2, r.all());
  BOOST_TEST(std::string(parse_output(r.out)["error"]["code"].GetString()) == "invalid_policy");
}

BOOST_AUTO_TEST_SUITE_END()
