// `jwtcheck serve` answers a real token + verify round trip and stops cleanly; `jwtcheck demo` works.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;

BOOST_AUTO_TEST_SUITE(cli_serve_demo)

BOOST_AUTO_TEST_CASE(serve_round_trip_then_sigterm) {
  RunningProcess serve({"serve", "--port", "0", "--json"});
  const std::string line = serve.read_line(std::chrono::seconds(30));
  BOOST_TEST_REQUIRE(!line.empty(), "serve printed nothing");
  const auto info = parse_output(line);
  const std::string domain = info["domain"].GetString();
  const std::string ca = info["ca_cert"].GetString();
  const std::string client_id = info["client_id"].GetString();
  const std::string secret = info["client_secret"].GetString();
  const std::string audience = info["audience"].GetString();
  BOOST_TEST(std::string(info["url"].GetString()) == "https://" + domain);
  BOOST_TEST(std::string(info["issuer"].GetString()) == "https://" + domain + "/");
  BOOST_TEST(!secret.empty());

  const RunResult token = run_jwtcheck({"token", "--tenant", domain, "--cacert", ca, "--client-id", client_id,
                                        "--audience", audience},
                                       {}, {{"JWTCHECK_CLIENT_SECRET", secret}});
  BOOST_TEST_REQUIRE(token.exit_code == 0, token.all());
  const RunResult verify =
      run_jwtcheck({"verify", "--json", "--tenant", domain, "--cacert", ca, "--audience", audience}, token.out);
  BOOST_TEST(verify.exit_code == 0, verify.all());
  BOOST_TEST(parse_output(verify.out)["valid"].GetBool());
  BOOST_TEST(verify.all().find(secret) == std::string::npos);

  const RunResult stopped = serve.stop(SIGTERM, std::chrono::seconds(15));
  BOOST_TEST(stopped.signal == 0, stopped.err);
  BOOST_TEST(stopped.exit_code == 0, stopped.err);
}

BOOST_AUTO_TEST_CASE(serve_human_output_and_sigint) {
  jwtcheck_cli_test::TempDir dir;
  RunningProcess serve({"serve", "--port", "0", "--alg", "ES256", "--state-dir", dir.path().string()});
  std::string text;
  for (int i = 0; i < 12; ++i) text += serve.read_line(std::chrono::seconds(30)) + "\n";
  BOOST_TEST(text.find("https://127.0.0.1:") != std::string::npos, text);
  BOOST_TEST(text.find((dir.path() / "ca.pem").string()) != std::string::npos, text);
  BOOST_TEST(text.find("jwtcheck-demo-client") != std::string::npos, text);
  BOOST_TEST(text.find("https://api.jwtcheck.test") != std::string::npos, text);
  const RunResult stopped = serve.stop(SIGINT, std::chrono::seconds(15));
  BOOST_TEST(stopped.exit_code == 0, stopped.err);
}

BOOST_AUTO_TEST_CASE(serve_bad_alg_is_a_usage_error) {
  const RunResult r = run_jwtcheck({"serve", "--alg", "none"});
  BOOST_TEST(r.exit_code == 2, r.all());
}

BOOST_AUTO_TEST_CASE(demo_succeeds) {
  const RunResult r = run_jwtcheck({"demo"});
  BOOST_TEST(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("✓ VALID") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("Step 3") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(demo_json_and_other_algs) {
  for (const std::string alg : {"RS256", "ES256", "EdDSA", "PS384"}) {
    const RunResult r = run_jwtcheck({"demo", "--json", "--alg", alg});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
    const auto doc = parse_output(r.out);  // progress went to stderr: stdout is one document
    BOOST_TEST(doc["valid"].GetBool());
    BOOST_TEST(std::string(doc["alg"].GetString()) == alg);
    BOOST_TEST(r.err.find("Step 1") != std::string::npos);
  }
  BOOST_TEST(run_jwtcheck({"demo", "--alg", "HS256"}).exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
