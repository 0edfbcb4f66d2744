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

// Option-parsing errors go through the same formatter as every other failure: with --json (or
// -j) one JSON document on stdout with a stable error.code; without, one line and one hint.
BOOST_AUTO_TEST_CASE(parse_errors_are_formatted_like_every_error) {
  const std::string token = mint(make_key(Alg::ES256, "k1"), auth0_claims());
  for (const std::string json_flag : {"--json", "-j"}) {
    const RunResult r = run_jwtcheck({"verify", "--jsn", token, json_flag});
    BOOST_TEST(r.exit_code == 2, r.all());
    const auto doc = parse_output(r.out);
    BOOST_TEST(std::string(doc["error"]["code"].GetString()) == "usage_error");
    BOOST_TEST(doc["error"]["exit_code"].GetInt() == 2);
    BOOST_TEST(std::string(doc["error"]["hint"].GetString()) == "did you mean --json?");
  }
  const RunResult human = run_jwtcheck({"verify", "--jsn", token});
  BOOST_TEST(human.out.empty(), human.out);
  BOOST_TEST(human.err.find("jwtcheck verify: error: ") == 0, human.err);
  BOOST_TEST(human.err.find("\n  hint: did you mean --json?\n") != std::string::npos, human.err);
}

BOOST_AUTO_TEST_CASE(short_flags) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const RunResult r = run_jwtcheck({"verify", "-i", test_issuer, "-a", test_audience, "-j", "--jwks-file",
                                    write_jwks(dir, key), mint(key, auth0_claims())});
  BOOST_TEST(r.exit_code == 0, r.all());
  BOOST_TEST(parse_output(r.out)["valid"].GetBool());
}

BOOST_AUTO_TEST_CASE(did_you_mean_a_command) {
  const RunResult r = run_jwtcheck({"verfy", "x"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("unknown command \"verfy\"") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("did you mean `jwtcheck verify`?") != std::string::npos, r.err);
}

// A mistyped flag makes CLI11 list the arguments it did not expect, the token among them: no more
// than its first 10 characters may be printed.
BOOST_AUTO_TEST_CASE(a_token_is_never_echoed_beyond_10_characters) {
  const std::string token = mint(make_key(Alg::RS256, "k1"), auth0_claims());
  const std::vector<std::vector<std::string>> cases = {
      {"verify", "--audiance", test_audience, token, "--issuer", test_issuer},
      {"inspect", token, token},
      {"inspect", "--nope", token},
      {"frobnicate", token},
      {"verify", "-j", "--audiance", test_audience, token},
  };
  for (const auto& args : cases) {
    const RunResult r = run_jwtcheck(args);
    BOOST_TEST(r.exit_code == 2, r.all());
    BOOST_TEST(r.all().find(token.substr(0, 11)) == std::string::npos, r.all());
    BOOST_TEST(r.all().find(token.substr(token.size() - 11)) == std::string::npos, r.all());
  }
  // Host names are not tokens: they stay readable in messages.
  const RunResult host = run_jwtcheck({"verify", "-t", "dev-abcdefgh12345678.auth0.com/path", "-a", "x", token});
  BOOST_TEST(host.exit_code == 2, host.all());
  BOOST_TEST(host.err.find("dev-abcdefgh12345678.auth0.com/path") != std::string::npos, host.err);
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
