// The command line itself: --help and --version everywhere, usage errors, colour rules.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

BOOST_AUTO_TEST_SUITE(cli_general)

BOOST_AUTO_TEST_CASE(help_and_version_on_every_command) {
  for (const std::string command : {"", "inspect", "token", "verify", "check", "serve", "demo"}) {
    std::vector<std::string> prefix;
    if (!command.empty()) prefix.push_back(command);
    auto help_args = prefix;
    help_args.push_back("--help");
    const RunResult help = run_jwtcheck(help_args);
    BOOST_TEST(help.exit_code == 0, command);
    BOOST_TEST((help.out.find("--json") != std::string::npos || command.empty()), command);
    BOOST_TEST(help.out.find("Usage") != std::string::npos, command + ": " + help.out);
    auto version_args = prefix;
    version_args.push_back("--version");
    const RunResult version = run_jwtcheck(version_args);
    BOOST_TEST(version.exit_code == 0, command);
    BOOST_TEST(version.out.find("jwtcheck 0.1.0") != std::string::npos, command + ": " + version.out);
  }
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  const std::vector<std::vector<std::string>> cases = {
      {},                              // no command
      {"frobnicate"},                  // unknown command
      {"inspect", "--nope"},           // unknown option
      {"inspect", "a", "b"},           // two tokens
      {"serve", "--port", "70000"},    // out of range
      {"token", "--json"},             // required --client-id missing
  };
  for (const auto& args : cases) {
    const RunResult r = run_jwtcheck(args);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(!r.err.empty());
  }
}

BOOST_AUTO_TEST_CASE(no_escape_codes_without_a_terminal_or_with_no_color) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string token = mint(key, auth0_claims());
  const std::vector<std::string> verify{"verify", "--jwks-file", write_jwks(dir, key), "--issuer", test_issuer,
                                        "--audience", "https://wrong", token};
  for (const EnvChanges& env : {EnvChanges{}, EnvChanges{{"NO_COLOR", "1"}}}) {
    const RunResult refused = run_jwtcheck(verify, {}, env);
    BOOST_TEST(refused.exit_code == 1);
    BOOST_TEST(refused.all().find('\033') == std::string::npos);
    const RunResult inspected = run_jwtcheck({"inspect", token}, {}, env);
    BOOST_TEST(inspected.all().find('\033') == std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
