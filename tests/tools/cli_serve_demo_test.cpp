// `jwtcheck serve` answers a real token + verify round trip and stops cleanly; `jwtcheck demo` works.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>
#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;

namespace {

// The "Try it:" lines serve printed, run as a shell script with the built jwtcheck first on PATH.
// Returns the script's output and its exit status on the last line.
std::string run_try_it(RunningProcess& serve) {
  std::string script, line;
  bool in_try_it = false;
  for (int i = 0; i < 40 && line.find("jwtcheck verify") == std::string::npos; ++i) {
    line = serve.read_line(std::chrono::seconds(30));
    if (in_try_it) script += line + "\n";
    if (line == "Try it:") in_try_it = true;
  }
  BOOST_TEST_REQUIRE(!script.empty(), "no Try it lines");
  jwtcheck_cli_test::TempDir dir;
  const auto path = dir.path() / "try_it.sh";
  std::ofstream(path) << "set -e\nexport PATH=\"" << std::filesystem::path(jwtcheck_binary()).parent_path().string()
                      << ":$PATH\"\n" << script;
  std::string output;
  FILE* pipe = popen(("bash " + path.string() + " 2>&1; echo \"exit $?\"").c_str(), "r");
  BOOST_TEST_REQUIRE(pipe != nullptr);
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  pclose(pipe);
  return script + "---\n" + output;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_serve_demo)

BOOST_AUTO_TEST_CASE(serve_try_it_commands_work) {
  RunningProcess serve({"serve", "--port", "0"});
  const std::string output = run_try_it(serve);
  BOOST_TEST(ends_with(output, "exit 0\n"), output);
  BOOST_TEST(serve.stop(SIGTERM, std::chrono::seconds(15)).exit_code == 0);
}

// An RFC 9068 tenant: its "Try it" verify asks for that profile, and the token passes it.
BOOST_AUTO_TEST_CASE(serve_rfc9068_try_it_verifies_under_that_profile) {
  RunningProcess serve({"serve", "--port", "0", "--profile", "rfc9068"});
  const std::string output = run_try_it(serve);
  BOOST_TEST(output.find("--profile rfc9068") != std::string::npos, output);
  BOOST_TEST(output.find("(profile rfc9068)") != std::string::npos, output);
  BOOST_TEST(output.find("✓ typ") != std::string::npos, output);  // at+jwt was checked
  BOOST_TEST(output.find("✓ jti") != std::string::npos, output);
  BOOST_TEST(ends_with(output, "exit 0\n"), output);
  BOOST_TEST(serve.stop(SIGTERM, std::chrono::seconds(15)).exit_code == 0);
}

// An HS256 tenant's JWKS is empty (the secret is never published); serve writes the secret to a
// file and its own "Try it" commands verify with it.
BOOST_AUTO_TEST_CASE(serve_hs256_try_it_uses_the_secret_file) {
  RunningProcess serve({"serve", "--port", "0", "--alg", "HS256"});
  const std::string output = run_try_it(serve);
  BOOST_TEST(output.find("--hs-secret-file") != std::string::npos, output);
  BOOST_TEST(ends_with(output, "exit 0\n"), output);
  BOOST_TEST(output.find("VALID") != std::string::npos, output);
  BOOST_TEST(serve.stop(SIGTERM, std::chrono::seconds(15)).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(serve_hs256_json_names_the_secret_file) {
  RunningProcess serve({"serve", "--port", "0", "--alg", "HS256", "--json"});
  const auto info = parse_output(serve.read_line(std::chrono::seconds(30)));
  BOOST_TEST_REQUIRE(info.HasMember("hs_secret_file"));
  const std::filesystem::path file = info["hs_secret_file"].GetString();
  BOOST_TEST(std::filesystem::is_regular_file(file));
  const auto others = std::filesystem::perms::group_all | std::filesystem::perms::others_all;
  BOOST_TEST(((std::filesystem::status(file).permissions() & others) == std::filesystem::perms::none));
  // The JWKS the CLI fetches holds no key: verifying through it finds nothing to verify with.
  const RunResult token = run_jwtcheck({"token", "--tenant", info["domain"].GetString(), "--cacert",
                                        info["ca_cert"].GetString(), "--client-id", info["client_id"].GetString(),
                                        "--audience", info["audience"].GetString()},
                                       {}, {{"JWTCHECK_CLIENT_SECRET", info["client_secret"].GetString()}});
  BOOST_TEST_REQUIRE(token.exit_code == 0, token.all());
  const RunResult via_jwks = run_jwtcheck({"verify", "--tenant", info["domain"].GetString(), "--cacert",
                                           info["ca_cert"].GetString(), "--audience", info["audience"].GetString(),
                                           "--alg", "HS256"},
                                          token.out);
  BOOST_TEST(via_jwks.exit_code != 0, via_jwks.all());
  BOOST_TEST(serve.stop(SIGTERM, std::chrono::seconds(15)).exit_code == 0);
}

// A second serve on a port already taken fails at once, naming the port (no SO_REUSEPORT sharing).
BOOST_AUTO_TEST_CASE(serve_on_a_taken_port_fails_clearly) {
  RunningProcess first({"serve", "--port", "0", "--json"});
  const auto info = parse_output(first.read_line(std::chrono::seconds(30)));
  const std::string domain = info["domain"].GetString();
  const std::string port = domain.substr(domain.rfind(':') + 1);
  const RunResult second = run_jwtcheck({"serve", "--port", port}, {}, {}, std::chrono::seconds(20));
  BOOST_TEST(second.signal == 0, "the second serve kept running: " + second.all());
  BOOST_TEST(second.exit_code != 0, second.all());
  BOOST_TEST(second.err.find("port " + port + " is already in use") != std::string::npos, second.err);
  BOOST_TEST(first.stop(SIGTERM, std::chrono::seconds(15)).exit_code == 0);
}

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

  // serve's token endpoint takes the test parameters (issue 23): an already expired token for the
  // tenant's audience, which verify then refuses as expired.
  httplib::SSLClient https("127.0.0.1", std::stoi(domain.substr(domain.rfind(':') + 1)));
  https.set_ca_cert_path(ca);
  https.enable_server_certificate_verification(true);
  const httplib::Params form = {{"grant_type", "client_credentials"}, {"client_id", client_id},
                                {"client_secret", secret},             {"audience", audience},
                                {"test_expires_in", "-120"},           {"test_scope", ""}};
  const auto answer = https.Post("/oauth/token", form);
  BOOST_TEST_REQUIRE(static_cast<bool>(answer), httplib::to_string(answer.error()));
  BOOST_TEST_REQUIRE(answer->status == 200, answer->body);
  const std::string expired_token = parse_output(answer->body)["access_token"].GetString();
  const RunResult expired =
      run_jwtcheck({"verify", "--json", "--tenant", domain, "--cacert", ca, "--audience", audience}, expired_token);
  BOOST_TEST(expired.exit_code == 1, expired.all());
  BOOST_TEST(expired.out.find("\"expired\"") != std::string::npos, expired.out);

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
