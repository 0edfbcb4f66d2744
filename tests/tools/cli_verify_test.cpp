// `jwtcheck verify`: every key source, the policy flags, the report, JSON schema and exit codes.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

namespace {

std::vector<std::string> verify_args(const std::string& jwks, std::vector<std::string> more = {}) {
  std::vector<std::string> args{"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience", test_audience};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

const rapidjson::Value* find_check(const rapidjson::Value& doc, const std::string& name) {
  for (const auto& check : doc["checks"].GetArray()) {
    if (name == check["name"].GetString()) return &check;
  }
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_verify)

BOOST_AUTO_TEST_CASE(valid_token_human_report) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const RunResult r = run_jwtcheck(verify_args(write_jwks(dir, key), {mint(key, auth0_claims())}));
  BOOST_TEST(r.exit_code == 0, r.all());
  BOOST_TEST(r.out.rfind("✓ VALID", 0) == 0, r.out);  // the verdict comes first
  BOOST_TEST(r.out.find("✓ signature") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("read:reports") != std::string::npos);
  BOOST_TEST(r.out.find("expires in") != std::string::npos);
  BOOST_TEST(r.out.find("\033[") == std::string::npos);  // not a terminal: no colour
}

BOOST_AUTO_TEST_CASE(valid_token_json_schema) {
  TempDir dir;
  const auto key = make_key(Alg::ES384, "k1");
  auto claims = auth0_claims();
  claims.permissions = {"admin"};
  const RunResult r = run_jwtcheck(verify_args(write_jwks(dir, key), {"--json", mint(key, claims)}));
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
  const auto doc = parse_output(r.out);
  BOOST_TEST(doc["valid"].GetBool() == true);
  BOOST_TEST(doc["errors"].IsArray());
  BOOST_TEST(doc["errors"].Size() == 0u);
  BOOST_TEST(std::string(doc["header"]["alg"].GetString()) == "ES384");
  BOOST_TEST(std::string(doc["claims"]["iss"].GetString()) == test_issuer);
  BOOST_TEST(std::string(doc["alg"].GetString()) == "ES384");
  BOOST_TEST(std::string(doc["kid"].GetString()) == "k1");
  BOOST_TEST(std::string(doc["key_thumbprint"].GetString()).size() == 43u);
  BOOST_TEST(doc["warnings"].IsArray());
  const auto* signature = find_check(doc, "signature");
  BOOST_TEST_REQUIRE(signature != nullptr);
  BOOST_TEST((*signature)["passed"].GetBool());
  BOOST_TEST((*signature)["expected"].IsString());
  BOOST_TEST_REQUIRE((*signature)["actual"].IsObject());  // the key that verified it
  BOOST_TEST(std::string((*signature)["actual"]["alg"].GetString()) == "ES384");
  BOOST_TEST(std::string((*signature)["actual"]["kid"].GetString()) == "k1");
  BOOST_TEST(std::string((*signature)["actual"]["thumbprint"].GetString()) == doc["key_thumbprint"].GetString());
  BOOST_TEST_REQUIRE(doc["scopes"].Size() == 3u);
  BOOST_TEST(std::string(doc["scopes"][2]["name"].GetString()) == "admin");
  BOOST_TEST(std::string(doc["scopes"][2]["sources"][0].GetString()) == "permissions");
}

// expected/actual are JSON values where the check compares JSON (iss a string, a required scope list
// an array); a check nobody asked for (scope, without --require-scope) is not shown at all.
BOOST_AUTO_TEST_CASE(checks_show_json_values_and_only_what_was_asked) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string jwks = write_jwks(dir, key), token = mint(key, auth0_claims());
  const auto plain = parse_output(run_jwtcheck(verify_args(jwks, {"--json", token})).out);
  BOOST_TEST(find_check(plain, "scope") == nullptr);
  const auto* iss = find_check(plain, "iss");
  BOOST_TEST_REQUIRE(iss != nullptr);
  BOOST_TEST(std::string((*iss)["expected"].GetString()) == test_issuer);
  BOOST_TEST(std::string((*iss)["actual"].GetString()) == test_issuer);
  const RunResult human = run_jwtcheck(verify_args(jwks, {token}));
  BOOST_TEST(human.out.find("expected []") == std::string::npos, human.out);

  const auto required = parse_output(
      run_jwtcheck(verify_args(jwks, {"--json", "--require-scope", "read:reports", token})).out);
  const auto* scope = find_check(required, "scope");
  BOOST_TEST_REQUIRE(scope != nullptr);
  BOOST_TEST((*scope)["expected"].IsArray());
}

// azp's `expected` is the client id as a JSON string, not the display text ("\"x\" (the client id
// in sub)"); with no scope granted, a required scope's check says "none" and its JSON `actual` is [].
BOOST_AUTO_TEST_CASE(azp_expected_and_ungranted_scopes_are_values) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string jwks = write_jwks(dir, key);
  const auto valid = parse_output(run_jwtcheck(verify_args(jwks, {"--json", mint(key, auth0_claims())})).out);
  const auto* azp = find_check(valid, "azp");
  BOOST_TEST_REQUIRE(azp != nullptr);
  BOOST_TEST_REQUIRE((*azp)["expected"].IsString());
  BOOST_TEST(std::string((*azp)["expected"].GetString()) == test_client);
  BOOST_TEST(std::string((*azp)["actual"].GetString()) == test_client);

  auto claims = auth0_claims();
  claims.scope.clear();  // no scope claim at all
  const std::string unscoped = mint(key, claims);
  const RunResult human = run_jwtcheck(verify_args(jwks, {"--require-scope", "read:reports", unscoped}));
  BOOST_TEST(human.exit_code == 1, human.all());
  BOOST_TEST(human.out.find("(granted: none)") != std::string::npos, human.out);
  BOOST_TEST(human.out.find("got none") != std::string::npos, human.out);
  BOOST_TEST(human.out.find("got \"\"") == std::string::npos, human.out);
  const auto json = parse_output(run_jwtcheck(verify_args(jwks, {"--json", "--require-scope", "read:reports", unscoped})).out);
  const auto* scope = find_check(json, "scope");
  BOOST_TEST_REQUIRE(scope != nullptr);
  BOOST_TEST_REQUIRE((*scope)["actual"].IsArray());
  BOOST_TEST((*scope)["actual"].Size() == 0u);
  const auto scoped = parse_output(
      run_jwtcheck(verify_args(jwks, {"--json", "--require-scope", "admin", mint(key, auth0_claims())})).out);
  const auto* granted = find_check(scoped, "scope");
  BOOST_TEST_REQUIRE(granted != nullptr);
  BOOST_TEST_REQUIRE((*granted)["actual"].IsArray());
  BOOST_TEST((*granted)["actual"].Size() == 2u);
  BOOST_TEST(std::string((*granted)["actual"][1].GetString()) == "write:reports");
}

// The time checks and alg give JSON values too, with exact seconds: the claim's NumericDate as
// `actual`, and as `expected` the instant, the leeway and the bound the claim had to meet.
BOOST_AUTO_TEST_CASE(time_checks_and_alg_give_json_values_in_seconds) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  auto claims = auth0_claims();
  claims.issued_at = 1699990000;
  claims.lifetime_seconds = 3600;  // exp 1699993600, expired at now 1700000000
  claims.extra_claims_json = R"({"nbf":1699990000})";
  const RunResult r = run_jwtcheck(
      verify_args(write_jwks(dir, key), {"--json", "--now", "1700000000", "--leeway", "30", mint(key, claims)}));
  BOOST_TEST(r.exit_code == 1, r.all());
  const auto doc = parse_output(r.out);
  const auto* exp = find_check(doc, "exp");
  BOOST_TEST_REQUIRE(exp != nullptr);
  BOOST_TEST((*exp)["passed"].GetBool() == false);
  BOOST_TEST_REQUIRE((*exp)["actual"].IsInt64());
  BOOST_TEST((*exp)["actual"].GetInt64() == 1699993600);
  BOOST_TEST_REQUIRE((*exp)["expected"].IsObject());
  BOOST_TEST((*exp)["expected"]["now"].GetInt64() == 1700000000);
  BOOST_TEST((*exp)["expected"]["leeway"].GetInt64() == 30);
  BOOST_TEST((*exp)["expected"]["greater_than"].GetInt64() == 1699999970);
  for (const char* name : {"nbf", "iat"}) {
    const auto* check = find_check(doc, name);
    BOOST_TEST_REQUIRE(check != nullptr, name);
    BOOST_TEST((*check)["passed"].GetBool(), name);
    BOOST_TEST((*check)["actual"].GetInt64() == 1699990000, name);
    BOOST_TEST((*check)["expected"]["at_most"].GetInt64() == 1700000030, name);
  }
  const auto* alg = find_check(doc, "alg");
  BOOST_TEST_REQUIRE(alg != nullptr);
  BOOST_TEST_REQUIRE((*alg)["expected"].IsArray());
  BOOST_TEST(std::string((*alg)["actual"].GetString()) == "RS256");
  bool rs256_allowed = false;
  for (const auto& name : (*alg)["expected"].GetArray()) rs256_allowed |= std::string(name.GetString()) == "RS256";
  BOOST_TEST(rs256_allowed);
}

// --profile: rfc9068 wants typ at+jwt, client_id and jti (an Auth0-profile token has none of
// them); any drops the sub check. The report names the profile.
BOOST_AUTO_TEST_CASE(profile_flag_selects_the_checks_and_is_reported) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string jwks = write_jwks(dir, key), auth0_token = mint(key, auth0_claims());
  const auto refused = parse_output(run_jwtcheck(verify_args(jwks, {"--json", "--profile", "rfc9068", auth0_token})).out);
  BOOST_TEST(refused["valid"].GetBool() == false);
  BOOST_TEST(std::string(refused["profile"].GetString()) == "rfc9068");
  const std::string codes = error_codes(refused);
  BOOST_TEST(codes.find("typ_mismatch") != std::string::npos, codes);
  BOOST_TEST(codes.find("missing_claim") != std::string::npos, codes);
  BOOST_TEST(find_check(refused, "jti") != nullptr);
  BOOST_TEST(find_check(refused, "client_id") != nullptr);

  auto claims = auth0_claims();
  claims.gty.clear();
  claims.extra_claims_json = R"({"client_id":")" + std::string(test_client) + R"(","jti":"id-1"})";
  jwtcheck::testing::MintOptions at_jwt;
  at_jwt.typ = "at+jwt";
  const RunResult ok = run_jwtcheck(verify_args(jwks, {"--profile", "rfc9068", mint(key, claims, at_jwt)}));
  BOOST_TEST(ok.exit_code == 0, ok.all());
  BOOST_TEST(ok.out.find("(profile rfc9068)") != std::string::npos, ok.out);

  auto user = auth0_claims();
  user.extra_claims_json = R"({"sub":"auth0|user-1"})";
  const std::string user_token = mint(key, user);
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {user_token})).exit_code == 1);
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--profile", "any", user_token})).exit_code == 0);
  const RunResult bad = run_jwtcheck(verify_args(jwks, {"--profile", "rfc-9068", user_token}));
  BOOST_TEST(bad.exit_code == 2, bad.all());
}

BOOST_AUTO_TEST_CASE(refused_token_json_lists_every_failed_check) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  auto claims = auth0_claims();
  claims.audiences = {"https://other.example"};
  claims.issuer = "https://evil.example/";
  const RunResult r = run_jwtcheck(verify_args(write_jwks(dir, key), {"--json", mint(key, claims)}));
  BOOST_TEST(r.exit_code == 1, r.all());
  const auto doc = parse_output(r.out);
  BOOST_TEST(doc["valid"].GetBool() == false);
  const std::string codes = error_codes(doc);
  BOOST_TEST(codes.find("issuer_mismatch") != std::string::npos, codes);
  BOOST_TEST(codes.find("audience_mismatch") != std::string::npos, codes);
  BOOST_TEST(std::string(doc["claims"]["aud"].GetString()) == "https://other.example");
  BOOST_TEST(doc["header"].IsObject());
  const auto* aud = find_check(doc, "aud");
  BOOST_TEST_REQUIRE(aud != nullptr);
  BOOST_TEST((*aud)["passed"].GetBool() == false);
  BOOST_TEST(std::string((*aud)["actual"].GetString()).find("other.example") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(refused_token_human_report) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  auto claims = auth0_claims();
  claims.audiences = {"https://other.example"};
  const RunResult r = run_jwtcheck(verify_args(write_jwks(dir, key), {mint(key, claims)}));
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.rfind("✗ INVALID", 0) == 0, r.out);
  BOOST_TEST(r.out.find("✗ aud") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("audience_mismatch") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(now_and_leeway) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  auto claims = auth0_claims();
  claims.issued_at = 1'700'000'000;
  claims.lifetime_seconds = 3600;
  const std::string token = mint(key, claims);
  const std::string jwks = write_jwks(dir, key);
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--now", "1700001000", token})).exit_code == 0);
  const RunResult expired = run_jwtcheck(verify_args(jwks, {"--json", "--now", "1700003700", token}));
  BOOST_TEST(expired.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(expired.out)) == "expired");
  // exp + 100 s is inside a 200 s leeway.
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--now", "1700003700", "--leeway", "200", token})).exit_code == 0);
  const RunResult early = run_jwtcheck(verify_args(jwks, {"--json", "--now", "1699990000", token}));
  BOOST_TEST(early.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(early.out)) == "issued_in_future");
}

BOOST_AUTO_TEST_CASE(token_from_stdin) {
  TempDir dir;
  const auto key = make_key(Alg::PS256, "k1");
  const std::string token = mint(key, auth0_claims());
  const std::string jwks = write_jwks(dir, key);
  BOOST_TEST(run_jwtcheck(verify_args(jwks), token + "\n").exit_code == 0);
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"-"}), token + "\r\n").exit_code == 0);
}

BOOST_AUTO_TEST_CASE(pem_key_file) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "k1");
  const std::string pem = dir.write("key.pem", key.public_pem());
  const std::string token = mint(key, auth0_claims());
  const RunResult r = run_jwtcheck(
      {"verify", "--key-file", pem, "--issuer", test_issuer, "--audience", test_audience, token});
  BOOST_TEST(r.exit_code == 0, r.all());
  const auto other = make_key(Alg::ES256, "k1");
  const std::string other_pem = dir.write("other.pem", other.public_pem());
  const RunResult wrong = run_jwtcheck(
      {"verify", "--json", "--key-file", other_pem, "--issuer", test_issuer, "--audience", test_audience, token});
  BOOST_TEST(wrong.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(wrong.out)) == "bad_signature");
}

BOOST_AUTO_TEST_CASE(hs_secret_file_needs_alg_and_is_never_printed) {
  TempDir dir;
  const std::string secret = "a-shared-secret-of-32-bytes-long!!";
  auto key = jwtcheck::testing::SigningKey::from_hmac_secret(Alg::HS256, secret, "hs");
  BOOST_TEST_REQUIRE(key.ok());
  const std::string file = dir.write("secret", secret + "\n");
  const std::string token = mint(*key, auth0_claims());
  const std::vector<std::string> base{"verify", "--hs-secret-file", file, "--issuer", test_issuer, "--audience",
                                      test_audience};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return run_jwtcheck(args);
  };
  const RunResult ok = with({"--alg", "HS256", "--json", token});
  BOOST_TEST(ok.exit_code == 0, ok.all());
  const RunResult no_alg = with({token});
  BOOST_TEST(no_alg.exit_code == 2, no_alg.all());
  auto bad_claims = auth0_claims();
  bad_claims.audiences = {"https://other"};
  const RunResult refused = with({"--alg", "HS256", mint(*key, bad_claims)});
  BOOST_TEST(refused.exit_code == 1);
  const std::string short_file = dir.write("short", "too-short-secret");
  const RunResult weak = run_jwtcheck({"verify", "--hs-secret-file", short_file, "--alg", "HS256", "--issuer",
                                       test_issuer, "--audience", test_audience, token});
  BOOST_TEST(weak.exit_code == 3, weak.all());
  BOOST_TEST(weak.err.find("weak_key") != std::string::npos, weak.err);
  for (const RunResult* r : {&ok, &no_alg, &refused}) BOOST_TEST(r->all().find(secret) == std::string::npos);
  BOOST_TEST(weak.all().find("too-short-secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(attacks_are_refused) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string jwks = write_jwks(dir, key);
  jwtcheck::testing::MintOptions none;
  none.alg_header = "none";
  none.empty_signature = true;
  const RunResult alg_none = run_jwtcheck(verify_args(jwks, {"--json", mint(key, auth0_claims(), none)}));
  BOOST_TEST(alg_none.exit_code == 1);
  BOOST_TEST(parse_output(alg_none.out)["valid"].GetBool() == false);
  jwtcheck::testing::MintOptions confusion;
  confusion.alg_header = "HS256";
  const RunResult hs = run_jwtcheck(verify_args(jwks, {"--json", mint(key, auth0_claims(), confusion)}));
  BOOST_TEST(hs.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(hs.out)).find("alg_not_allowed") != std::string::npos);
  const auto stranger = make_key(Alg::RS256, "k1");
  const RunResult forged = run_jwtcheck(verify_args(jwks, {"--json", mint(stranger, auth0_claims())}));
  BOOST_TEST(forged.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(forged.out)) == "bad_signature");
  const RunResult unknown_kid = run_jwtcheck(verify_args(jwks, {"--json", mint(make_key(Alg::RS256, "k2"), auth0_claims())}));
  BOOST_TEST(unknown_kid.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(unknown_kid.out)) == "key_not_found");
}

BOOST_AUTO_TEST_CASE(policy_flags) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "k1");
  const std::string jwks = write_jwks(dir, key);
  const std::string token = mint(key, auth0_claims());
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--require-scope", "read:reports", token})).exit_code == 0);
  const RunResult missing = run_jwtcheck(verify_args(jwks, {"--json", "--require-scope", "admin", token}));
  BOOST_TEST(missing.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(missing.out)) == "missing_scope");
  const RunResult alg = run_jwtcheck(verify_args(jwks, {"--json", "--alg", "RS256", token}));
  BOOST_TEST(alg.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(alg.out)).find("alg_not_allowed") != std::string::npos);
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--alg", "RS256", "--alg", "ES256", token})).exit_code == 0);
  const RunResult typ = run_jwtcheck(verify_args(jwks, {"--json", "--typ", "at+jwt", token}));
  BOOST_TEST(typ.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(typ.out)) == "typ_mismatch");
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--typ", "JWT", token})).exit_code == 0);
  auto user_claims = auth0_claims();
  user_claims.extra_claims_json = R"({"sub":"auth0|user-1","azp":"auth0|user-1"})";
  const std::string user_token = mint(key, user_claims);
  const RunResult user = run_jwtcheck(verify_args(jwks, {"--json", user_token}));
  BOOST_TEST(user.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(user.out)).find("subject_mismatch") != std::string::npos);
  const RunResult any = run_jwtcheck(verify_args(jwks, {"--any-subject", user_token}));
  BOOST_TEST(any.exit_code == 0, any.all());
  // Two accepted audiences: either one in the token is enough.
  BOOST_TEST(run_jwtcheck(verify_args(jwks, {"--audience", "https://second", token})).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string jwks = write_jwks(dir, key);
  const std::string token = mint(key, auth0_claims());
  const std::vector<std::vector<std::string>> cases = {
      {"verify", "--jwks-file", jwks, "--issuer", test_issuer, token},                    // no audience
      {"verify", "--jwks-file", jwks, "--audience", test_audience, token},                // no issuer
      {"verify", "--audience", test_audience, token},                                     // no issuer, no keys
      {"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience", test_audience, "--alg", "none", token},
      {"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience", test_audience, "--alg", "XS256", token},
      {"verify", "--jwks-file", jwks, "--jwks-url", "https://x/jwks", "--issuer", test_issuer, "--audience",
       test_audience, token},
      {"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience", test_audience, "--leeway", "soon", token},
      {"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience", test_audience, "--bogus", token},
      {"verify", "--jwks-url", "http://example.com/jwks.json", "--issuer", test_issuer, "--audience",
       test_audience, token},
      {"verify", "--tenant", "http://example.com", "--audience", test_audience, token},
      {"verify", "--any-subject", "--subject-suffix", "@x", "--jwks-file", jwks, "--issuer", test_issuer,
       "--audience", test_audience, token},
  };
  for (const auto& args : cases) {
    const RunResult r = run_jwtcheck(args);
    BOOST_TEST(r.exit_code == 2, r.all());
    BOOST_TEST(!r.err.empty());
  }
}

BOOST_AUTO_TEST_CASE(keys_that_cannot_be_obtained_exit_3) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string token = mint(key, auth0_claims());
  const std::string missing = (dir.path() / "missing.json").string();
  const RunResult no_file = run_jwtcheck(verify_args(missing, {"--json", token}));
  BOOST_TEST(no_file.exit_code == 3, no_file.all());
  BOOST_TEST(error_codes(parse_output(no_file.out)) == "io_error");
  const RunResult broken = run_jwtcheck(verify_args(dir.write("broken.json", "{\"keys\": 7}"), {token}));
  BOOST_TEST(broken.exit_code == 3, broken.all());
  const RunResult not_pem = run_jwtcheck({"verify", "--key-file", dir.write("k.pem", "hello"), "--issuer",
                                          test_issuer, "--audience", test_audience, token});
  BOOST_TEST(not_pem.exit_code == 3, not_pem.all());
  // Nothing listens on port 1 of loopback: connection refused, quickly.
  const RunResult unreachable = run_jwtcheck({"verify", "--json", "--jwks-url", "https://127.0.0.1:1/jwks.json",
                                              "--issuer", test_issuer, "--audience", test_audience, "--timeout", "3",
                                              token});
  BOOST_TEST(unreachable.exit_code == 3, unreachable.all());
  BOOST_TEST(parse_output(unreachable.out)["valid"].GetBool() == false);
  // The banner says nothing was checked, not that the token was refused; the hint names the cause.
  const RunResult human = run_jwtcheck({"verify", "--jwks-url", "https://127.0.0.1:1/jwks.json", "--issuer",
                                        test_issuer, "--audience", test_audience, "--timeout", "3", token});
  BOOST_TEST(human.exit_code == 3, human.all());
  BOOST_TEST(human.all().find("could not be checked") != std::string::npos, human.all());
  BOOST_TEST(human.all().find("refused") == std::string::npos, human.all());
}

BOOST_AUTO_TEST_SUITE_END()
