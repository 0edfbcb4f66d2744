// Text from a token is the sender's: printed raw by `inspect` or `verify`, an ESC sequence could
// clear the screen or retitle the window, and a newline or CR could forge a report line such as
// "✓ VALID". Every control character (C0, DEL, C1) and bidi override in a claim name or value,
// kid, typ or scope is printed as a visible \uXXXX escape instead.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

namespace {

// The hostile text, as JSON string contents (escapes the token's JSON carries).
constexpr const char* kForgedLine = R"(x\n✓ VALID: the token passed every check\r)";
constexpr const char* kEscapes = R"(\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202eevil\u007f)";

void expect_no_raw_controls(const std::string& text, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST(text.find('\x1b') == std::string::npos, text);
    BOOST_TEST(text.find('\x07') == std::string::npos, text);
    BOOST_TEST(text.find('\r') == std::string::npos, text);
    BOOST_TEST(text.find('\x7f') == std::string::npos, text);
    BOOST_TEST(text.find("\xc2\x9b") == std::string::npos, text);      // C1 CSI
    BOOST_TEST(text.find("\xe2\x80\xae") == std::string::npos, text);  // RIGHT-TO-LEFT OVERRIDE
    // No line of the output starts with the forged verdict except a real one (the token is refused).
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) BOOST_TEST(line.rfind("✓ VALID", 0) != 0, line);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_terminal_injection)

BOOST_AUTO_TEST_CASE(token_text_is_printed_without_control_characters) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "k1");
  const std::string jwks = write_jwks(dir, key);
  auto claims = auth0_claims();
  claims.scope = std::string("read:reports ") + kEscapes;
  claims.audiences = {"https://other.example"};  // refused: only a forged line could say VALID
  claims.extra_claims_json = std::string(R"({"note":")") + kForgedLine + kEscapes + R"(",")" + kEscapes + R"(":1})";
  jwtcheck::testing::MintOptions options;
  options.include_kid = false;
  options.extra_header_json = std::string(R"({"kid":"k1)") + kEscapes + R"(","typ":")" + kForgedLine + R"("})";
  const std::string token = mint(key, claims, options);

  const RunResult inspect = run_jwtcheck({"inspect", token});
  BOOST_TEST(inspect.exit_code == 0, inspect.all());
  expect_no_raw_controls(inspect.out + inspect.err, "inspect");
  BOOST_TEST(inspect.out.find(R"(\u001b[2J)") != std::string::npos, inspect.out);  // shown, escaped
  BOOST_TEST(inspect.out.find(R"(\u000a✓ VALID)") != std::string::npos, inspect.out);

  const RunResult verify = run_jwtcheck({"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience",
                                         test_audience, token});
  BOOST_TEST(verify.exit_code == 1, verify.all());
  expect_no_raw_controls(verify.out + verify.err, "verify");

  // The token's kid names no key: the verify report's problem line quotes it, escaped too.
  auto other = auth0_claims();
  other.extra_claims_json = std::string(R"({"note":")") + kForgedLine + R"("})";
  const RunResult refused = run_jwtcheck({"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience",
                                          "https://nobody.example", mint(key, other)});
  BOOST_TEST(refused.exit_code == 1, refused.all());
  expect_no_raw_controls(refused.out + refused.err, "verify, valid signature, refused audience");
}

BOOST_AUTO_TEST_SUITE_END()
