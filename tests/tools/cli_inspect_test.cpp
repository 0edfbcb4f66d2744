// `jwtcheck inspect`: decodes, explains times and scopes, and says plainly that nothing was verified.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"
#include "support/token_builder.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

BOOST_AUTO_TEST_SUITE(cli_inspect)

BOOST_AUTO_TEST_CASE(human_report_is_marked_unverified_and_explains_times) {
  const auto key = make_key(Alg::ES256, "k1");
  auto claims = auth0_claims();
  claims.issued_at = 1'700'000'000 - 2 * 3600;
  claims.lifetime_seconds = 25 * 3600;  // exp = now + 23 h at --now 1'700'000'000
  const std::string token = mint(key, claims);
  const RunResult r = run_jwtcheck({"inspect", token, "--now", "1700000000"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("UNVERIFIED") != std::string::npos);
  BOOST_TEST(r.out.find("NOTHING was verified") != std::string::npos);
  BOOST_TEST(r.out.find("expires in 23 h") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("issued 2 h ago") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("client-abc@clients") != std::string::npos);
  BOOST_TEST(r.out.find("read:reports") != std::string::npos);
  BOOST_TEST(r.out.find("ES256") != std::string::npos);
}

// An unsigned token (alg none) is shown, marked as unsigned; verify refuses it as ever.
BOOST_AUTO_TEST_CASE(an_unsigned_token_is_shown_and_marked_unsigned) {
  const std::string token =
      b64url(R"({"alg":"none","typ":"JWT"})") + "." + b64url(R"({"sub":"client-abc@clients","scope":"read:reports"})") + ".";
  const RunResult r = run_jwtcheck({"inspect", token});
  BOOST_TEST(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.find("UNVERIFIED") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("UNSIGNED") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("client-abc@clients") != std::string::npos, r.out);
  const RunResult json = run_jwtcheck({"inspect", "--json", token});
  BOOST_TEST_REQUIRE(json.exit_code == 0, json.all());
  BOOST_TEST(parse_output(json.out)["signature_bytes"].GetUint64() == 0u);
  const TempDir dir;
  const std::string jwks = write_jwks(dir, make_key(Alg::ES256, "k1"));
  const RunResult verified = run_jwtcheck({"verify", "--json", "--jwks-file", jwks, "--issuer", "https://t.example/",
                                           "--audience", "https://api", token});
  BOOST_TEST(verified.exit_code != 0, verified.all());
  BOOST_TEST(verified.out.find("\"valid\":false") != std::string::npos, verified.out);
}

BOOST_AUTO_TEST_CASE(expired_token_says_how_long_ago) {
  const auto key = make_key(Alg::RS256, "k1");
  auto claims = auth0_claims();
  claims.issued_at = 1'700'000'000 - 3600;
  claims.lifetime_seconds = 3600 - 5 * 60;  // expired 5 min before --now
  const RunResult r = run_jwtcheck({"inspect", mint(key, claims), "--now", "1700000000"});
  BOOST_TEST(r.exit_code == 0);  // inspect judges nothing: an expired token decodes fine
  BOOST_TEST(r.out.find("expired 5 min ago") != std::string::npos, r.out);
}

// One way everywhere: the largest unit, plus minutes below two days; --json has exact seconds.
BOOST_AUTO_TEST_CASE(durations_are_humanised_one_way) {
  const auto key = make_key(Alg::RS256, "k1");
  auto claims = auth0_claims();
  claims.issued_at = 1'700'000'000;
  claims.lifetime_seconds = 86400 - 60;
  const std::string token = mint(key, claims);
  const RunResult fresh = run_jwtcheck({"inspect", token, "--now", "1700000000"});
  BOOST_TEST(fresh.out.find("expires in 23 h 59 min") != std::string::npos, fresh.out);
  const std::int64_t later = 1'700'000'000 + 86400 - 60 + 3 * 86400 + 7200;
  const RunResult expired = run_jwtcheck({"inspect", token, "--now", std::to_string(later)});
  BOOST_TEST(expired.out.find("expired 3 d ago") != std::string::npos, expired.out);
  BOOST_TEST(expired.out.find(std::to_string(3 * 86400 + 7200) + " s") == std::string::npos, expired.out);
  const auto doc = parse_output(run_jwtcheck({"inspect", "-j", token, "--now", "1700000000"}).out);
  BOOST_TEST(doc["times"]["exp"]["epoch"].GetInt64() == 1'700'000'000 + 86400 - 60);
}

// --payload / --header print just that JSON, for jq.
BOOST_AUTO_TEST_CASE(payload_and_header_alone) {
  const auto key = make_key(Alg::ES256, "k7");
  const std::string token = mint(key, auth0_claims());
  for (const std::string flag : {"--payload", "-p"}) {
    const RunResult payload = run_jwtcheck({"inspect", flag, token});
    BOOST_TEST(payload.exit_code == 0, payload.all());
    BOOST_TEST(std::string(parse_output(payload.out)["iss"].GetString()) == test_issuer);
    BOOST_TEST(payload.out.find("UNVERIFIED") == std::string::npos);
  }
  const RunResult header = run_jwtcheck({"inspect", "--header"}, token);
  BOOST_TEST(header.exit_code == 0, header.all());
  BOOST_TEST(std::string(parse_output(header.out)["kid"].GetString()) == "k7");
  BOOST_TEST(run_jwtcheck({"inspect", "--header", "--payload", token}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(json_schema) {
  const auto key = make_key(Alg::RS256, "kid-1");
  auto claims = auth0_claims();
  claims.permissions = {"read:reports", "admin"};
  const RunResult r = run_jwtcheck({"inspect", "--json", mint(key, claims)});
  BOOST_TEST_REQUIRE(r.exit_code == 0);
  const auto doc = parse_output(r.out);
  BOOST_TEST_REQUIRE(doc["verified"].IsBool());
  BOOST_TEST(doc["verified"].GetBool() == false);
  BOOST_TEST(std::string(doc["header"]["alg"].GetString()) == "RS256");
  BOOST_TEST(std::string(doc["header"]["kid"].GetString()) == "kid-1");
  BOOST_TEST(std::string(doc["claims"]["sub"].GetString()) == "client-abc@clients");
  BOOST_TEST(std::string(doc["alg"].GetString()) == "RS256");
  BOOST_TEST(std::string(doc["kid"].GetString()) == "kid-1");
  BOOST_TEST(doc["signature_bytes"].GetUint64() == 256u);
  BOOST_TEST(std::string(doc["times"]["exp"]["relative"].GetString()).rfind("expires in", 0) == 0);
  BOOST_TEST(doc["times"]["exp"]["epoch"].IsInt64());
  const auto& scopes = doc["scopes"];
  BOOST_TEST_REQUIRE(scopes.IsArray());
  BOOST_TEST_REQUIRE(scopes.Size() == 3u);
  BOOST_TEST(std::string(scopes[0]["name"].GetString()) == "read:reports");
  BOOST_TEST_REQUIRE(scopes[0]["sources"].Size() == 2u);  // in both "scope" and "permissions"
  BOOST_TEST(std::string(scopes[0]["sources"][0].GetString()) == "scope");
  BOOST_TEST(std::string(scopes[0]["sources"][1].GetString()) == "permissions");
  BOOST_TEST(std::string(scopes[2]["name"].GetString()) == "admin");
}

BOOST_AUTO_TEST_CASE(token_from_stdin_with_trailing_newline) {
  const auto key = make_key(Alg::EdDSA, "k1");
  const std::string token = mint(key, auth0_claims());
  for (const std::string& ending : {std::string("\n"), std::string("\r\n"), std::string("  \n")}) {
    const RunResult dash = run_jwtcheck({"inspect", "-", "--json"}, token + ending);
    BOOST_TEST(dash.exit_code == 0, dash.err);
    const RunResult implicit = run_jwtcheck({"inspect", "--json"}, token + ending);
    BOOST_TEST(implicit.exit_code == 0, implicit.err);
    BOOST_TEST(std::string(parse_output(implicit.out)["claims"]["iss"].GetString()) == test_issuer);
  }
}

BOOST_AUTO_TEST_CASE(malformed_tokens_are_refused_with_a_code) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not-a-token", "malformed_token"},
      {"a.b", "malformed_token"},
      {"a.b.c.d.e", "encrypted_token"},
      {"eyJhbGciOiJSUzI1NiJ9..c2ln", "malformed_token"},  // {"alg":"RS256"}, no claims
  };
  for (const auto& [token, code] : cases) {
    const RunResult r = run_jwtcheck({"inspect", "--json", token});
    BOOST_TEST(r.exit_code == 1, token);
    BOOST_TEST(r.err.find(code) != std::string::npos, token + ": " + r.err);
    const auto doc = parse_output(r.out);
    BOOST_TEST(error_codes(doc) == code);
  }
}

// What copy and paste adds is taken off, each time with a note: an Authorization header's
// "Bearer ", and the line breaks of a token wrapped over lines.
BOOST_AUTO_TEST_CASE(bearer_prefix_and_inner_whitespace_are_removed_with_a_note) {
  const auto key = make_key(Alg::RS256, "k1");
  const std::string token = mint(key, auth0_claims());
  const RunResult bearer = run_jwtcheck({"inspect", "--json", "Bearer " + token});
  BOOST_TEST(bearer.exit_code == 0, bearer.all());
  BOOST_TEST(bearer.err.find("note: removed the leading \"Bearer \"") != std::string::npos, bearer.err);
  BOOST_TEST(std::string(parse_output(bearer.out)["kid"].GetString()) == "k1");

  std::string wrapped = token;
  for (std::size_t at = 60; at < wrapped.size(); at += 61) wrapped.insert(at, "\n");
  wrapped.insert(wrapped.find('.') + 1, " \t");
  const RunResult joined = run_jwtcheck({"inspect", "--json"}, "bearer " + wrapped + "\n");
  BOOST_TEST(joined.exit_code == 0, joined.all());
  BOOST_TEST(joined.err.find("note: removed the whitespace and line breaks inside the token") != std::string::npos,
             joined.err);
  BOOST_TEST(std::string(parse_output(joined.out)["kid"].GetString()) == "k1");
  BOOST_TEST(joined.all().find(token.substr(0, 11)) == std::string::npos);  // nothing echoes it back

  // The signature still decides: a joined token verifies exactly like the original.
  TempDir dir;
  const RunResult verified = run_jwtcheck({"verify", "--jwks-file", write_jwks(dir, key), "--issuer", test_issuer,
                                           "--audience", test_audience},
                                          "Bearer " + wrapped);
  BOOST_TEST(verified.exit_code == 0, verified.all());
}

BOOST_AUTO_TEST_CASE(two_tokens_are_refused_as_two_tokens) {
  const auto key = make_key(Alg::RS256, "k1");
  const std::string first = mint(key, auth0_claims()), second = mint(key, auth0_claims());
  const RunResult piped = run_jwtcheck({"inspect"}, first + "\n" + second + "\n");
  BOOST_TEST(piped.exit_code == 1, piped.all());
  BOOST_TEST(piped.err.find("2 tokens given") != std::string::npos, piped.err);
  const RunResult arguments = run_jwtcheck({"inspect", "--json", first, second});
  BOOST_TEST(arguments.exit_code == 2, arguments.all());
  BOOST_TEST(arguments.err.find("2 tokens given") != std::string::npos, arguments.err);
  BOOST_TEST(parse_output(arguments.out)["error"]["code"].IsString());
  BOOST_TEST(arguments.all().find(second.substr(0, 11)) == std::string::npos, arguments.all());
}

// A whole header line pasted ("Authorization: Bearer eyJ…") and quotes around the token are taken
// off too, each with its note; the signature still decides.
BOOST_AUTO_TEST_CASE(header_line_and_quotes_are_removed_with_a_note) {
  const auto key = make_key(Alg::RS256, "k1");
  const std::string token = mint(key, auth0_claims());
  const RunResult header = run_jwtcheck({"inspect", "--json", "Authorization: Bearer " + token});
  BOOST_TEST(header.exit_code == 0, header.all());
  BOOST_TEST(header.err.find("note: removed \"Authorization:\"") != std::string::npos, header.err);
  BOOST_TEST(header.err.find("note: removed the leading \"Bearer \"") != std::string::npos, header.err);
  BOOST_TEST(std::string(parse_output(header.out)["kid"].GetString()) == "k1");

  for (const std::string quote : {"\"", "'"}) {
    const RunResult quoted = run_jwtcheck({"inspect", "--json"}, quote + token + quote + "\n");
    BOOST_TEST(quoted.exit_code == 0, quoted.all());
    BOOST_TEST(quoted.err.find("note: removed the quotes around the token") != std::string::npos, quoted.err);
  }
  const RunResult both = run_jwtcheck({"inspect", "--json", "authorization: \"Bearer " + token + "\""});
  BOOST_TEST(both.exit_code == 0, both.all());

  TempDir dir;
  const RunResult verified = run_jwtcheck({"verify", "--jwks-file", write_jwks(dir, key), "--issuer", test_issuer,
                                           "--audience", test_audience, "Authorization: Bearer \"" + token + "\""});
  BOOST_TEST(verified.exit_code == 0, verified.all());
  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  const RunResult refused = run_jwtcheck({"verify", "--jwks-file", write_jwks(dir, key), "--issuer", test_issuer,
                                          "--audience", test_audience, "Authorization: Bearer " + forged});
  BOOST_TEST(refused.exit_code == 1, refused.all());
}

// Two tokens, each wrapped over lines, are told as two tokens (not one malformed token); one token
// whose wrapped signature has a line starting with "eyJ" is still one token.
BOOST_AUTO_TEST_CASE(two_wrapped_tokens_are_refused_as_two_tokens) {
  const auto key = make_key(Alg::RS256, "k1");
  const std::string first = mint(key, auth0_claims()), second = mint(key, auth0_claims());
  const auto wrap = [](std::string text) {
    for (std::size_t at = 50; at < text.size(); at += 51) text.insert(at, "\n");
    return text;
  };
  for (const std::string& input : {wrap(first) + "\n" + wrap(second) + "\n", wrap(first) + " " + second}) {
    const RunResult r = run_jwtcheck({"inspect", "--json"}, input);
    BOOST_TEST(r.exit_code == 1, r.all());
    BOOST_TEST(r.err.find("2 tokens given") != std::string::npos, r.err);
    BOOST_TEST(std::string(parse_output(r.out)["error"]["code"].GetString()) == "malformed_token");
  }
  const std::string signature_wrapped = first + "\neyJ";  // a last line that happens to start with eyJ
  const RunResult one = run_jwtcheck({"inspect", "--json"}, signature_wrapped);
  BOOST_TEST(one.err.find("tokens given") == std::string::npos, one.err);
  BOOST_TEST(one.err.find("pieces joined") != std::string::npos, one.err);
}

// An empty argument ("$TOKEN" with TOKEN unset) is a usage error; it never reads standard input.
// Two token arguments are a usage error too, with error.code usage_error.
BOOST_AUTO_TEST_CASE(empty_or_several_token_arguments_are_usage_errors) {
  const std::string token = mint(make_key(Alg::RS256, "k1"), auth0_claims());
  const std::vector<std::vector<std::string>> commands = {
      {"inspect", "--json"}, {"verify", "--json", "--issuer", test_issuer, "--audience", test_audience}};
  for (const auto& command : commands) {
    const auto with = [&](std::vector<std::string> more) {
      std::vector<std::string> args = command;
      args.insert(args.end(), more.begin(), more.end());
      return args;
    };
    for (const std::string empty : {"", " "}) {
      const RunResult r = run_jwtcheck(with({empty}), token + "\n");
      BOOST_TEST(r.exit_code == 2, command[0] + ": " + r.all());
      BOOST_TEST(r.err.find("the token argument is empty") != std::string::npos, r.err);
      BOOST_TEST(std::string(parse_output(r.out)["error"]["code"].GetString()) == "usage_error");
    }
    const RunResult two = run_jwtcheck(with({token, token}));
    BOOST_TEST(two.exit_code == 2, two.all());
    BOOST_TEST(std::string(parse_output(two.out)["error"]["code"].GetString()) == "usage_error");
    BOOST_TEST(two.all().find(token.substr(0, 11)) == std::string::npos, two.all());
  }
}

BOOST_AUTO_TEST_CASE(empty_stdin_is_an_error) {
  const RunResult r = run_jwtcheck({"inspect"}, "\n");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err.find("empty") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
