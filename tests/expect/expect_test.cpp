// The expectation kit: every expectation kind met and not met, every mismatch in one report,
// provenance (verified, failed verification, unverified), and the report's text.
#include <jwtcheck/testing/boost_test.hpp>
#include <jwtcheck/testing/expect.hpp>

#include "expect/expect_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::testing;
using namespace jwtcheck::testing::expect_test;

namespace {

// The mismatch about `what`; fails the test when there is not exactly one.
Mismatch only_mismatch(const ExpectationReport& report, const std::string& what) {
  const auto count = std::count_if(report.mismatches.begin(), report.mismatches.end(),
                                   [&](const Mismatch& m) { return m.what == what; });
  BOOST_REQUIRE_MESSAGE(count == 1, "expected one mismatch about " << what << " in:\n" << report.text());
  return *std::find_if(report.mismatches.begin(), report.mismatches.end(),
                       [&](const Mismatch& m) { return m.what == what; });
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TokenExpectation expect_minted(const Auth0Claims& claims, const MintOptions& options = {}) {
  return expect_unverified_token(mint(claims, options)).at(now);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(expect_verified)

BOOST_AUTO_TEST_CASE(a_verified_token_meets_every_kind_of_expectation) {
  Auth0Claims claims = tenant_claims();
  claims.permissions = {"read:reports"};
  claims.extra_claims_json = R"({"org":{"id":"org_1","tier":"gold"},"n":7})";
  const auto verified = tenant_verifier().verify(mint(claims));
  BOOST_REQUIRE(verified.ok());

  const ExpectationReport report = expect_token(verified)
                                       .issuer_is(issuer)
                                       .audience_contains(audience)
                                       .subject_is_client()
                                       .subject_is_client(client_id)
                                       .has_scopes({"write:reports"})
                                       .has_exactly_scopes({"write:reports", "read:reports"})
                                       .has_permission("read:reports")
                                       .expires_within(std::chrono::hours(1))
                                       .alg_is_one_of({Alg::ES256, Alg::RS256})
                                       .header_typ_is("JWT")
                                       .claim_equals("n", "7")
                                       .claim_equals("org", R"({"tier":"gold","id":"org_1"})")
                                       .claim_equals("/org/id", R"("org_1")")
                                       .claim_matches("azp", "client-[0-9]+")
                                       .claim_is_absent("nbf")
                                       .at(now)
                                       .check();
  BOOST_TEST(report.passed(), report.text());
  BOOST_TEST(report.provenance == TokenProvenance::verified);
  BOOST_TEST(report.alg == "RS256");
  BOOST_TEST(report.checked == 16u);  // 15 expectations + the verification
  BOOST_TEST(report.text() == "verified token (alg \"RS256\"): all 16 expectations met\n");
}

BOOST_AUTO_TEST_CASE(every_mismatch_is_reported_in_declaration_order) {
  const auto verified = tenant_verifier().verify(mint(tenant_claims()));
  BOOST_REQUIRE(verified.ok());
  const ExpectationReport report = expect_token(*verified)
                                       .issuer_is("https://other.example/")
                                       .audience_contains("https://api.other")
                                       .subject_is_client("someone-else")
                                       .has_scopes({"read:reports", "admin"})
                                       .has_permission("admin")
                                       .alg_is_one_of({Alg::EdDSA})
                                       .header_typ_is("at+jwt")
                                       .claim_equals("gty", R"("password")")
                                       .claim_is_absent("azp")
                                       .at(now)
                                       .check();
  BOOST_TEST(!report.passed());
  BOOST_TEST(report.checked == 10u);
  const std::vector<std::string> whats{"iss", "aud", "sub", "scope", "permissions", "alg", "typ",
                                       "claim \"gty\"", "claim \"azp\""};
  std::vector<std::string> actual_whats;
  for (const Mismatch& m : report.mismatches) actual_whats.push_back(m.what);
  BOOST_TEST(actual_whats == whats, boost::test_tools::per_element());

  const std::string text = report.text();
  BOOST_TEST(contains(text, "verified token (alg \"RS256\"): 9 of 10 expectations not met\n"), text);
  BOOST_TEST(contains(text, "  - iss: expected \"https://other.example/\", got \"https://tenant.example/\"\n"), text);
  BOOST_TEST(contains(text, "  - aud: expected to contain \"https://api.other\", got \"https://api.example\"\n"), text);
  BOOST_TEST(contains(text, "  - sub: expected \"someone-else@clients\", got \"client-123@clients\"\n"), text);
  BOOST_TEST(contains(text, "  - scope: expected to include [\"read:reports\", \"admin\"], got scope "
                            "\"read:reports write:reports\" (missing [\"admin\"])\n"),
             text);
  BOOST_TEST(contains(text, "  - permissions: expected to contain \"admin\", got (absent)\n"), text);
  BOOST_TEST(contains(text, "  - alg: expected one of [\"EdDSA\"], got \"RS256\"\n"), text);
  BOOST_TEST(contains(text, "  - typ: expected \"at+jwt\", got \"JWT\"\n"), text);
  BOOST_TEST(contains(text, "  - claim \"gty\": expected \"password\", got \"client-credentials\"\n"), text);
  BOOST_TEST(contains(text, "  - claim \"azp\": expected absent, got \"client-123\"\n"), text);
}

BOOST_AUTO_TEST_CASE(a_failed_verify_result_is_a_mismatch_and_nothing_else_is_claimed) {
  Auth0Claims claims = tenant_claims();
  claims.issued_at = now - 7200;  // expired an hour ago
  const auto verified = tenant_verifier().verify(mint(claims));
  BOOST_REQUIRE(!verified.ok());

  const ExpectationReport report = expect_token(verified).issuer_is(issuer).claim_is_absent("nbf").check();
  BOOST_TEST(report.provenance == TokenProvenance::failed_verification);
  // Only the verification itself was checked; the two expectations could not be (issue 23:
  // they were once counted as "not met").
  BOOST_TEST(report.checked == 1u);
  BOOST_TEST(report.not_checked() == 2u);
  BOOST_TEST(!report.passed());
  BOOST_REQUIRE_EQUAL(report.mismatches.size(), 3u);
  BOOST_TEST(report.mismatches[0].what == "verification");
  BOOST_TEST(report.mismatches[0].checked);
  BOOST_TEST(report.mismatches[0].expected == "a token that passes verification");
  BOOST_TEST(report.mismatches[0].actual.rfind("expired: ", 0) == 0u, report.mismatches[0].actual);
  // Without claims, "absent" would be a lie: both expectations are marked not checked.
  BOOST_TEST(!report.mismatches[1].checked);
  BOOST_TEST(!report.mismatches[2].checked);
  BOOST_TEST(contains(report.text(),
                      "token that FAILED verification: 1 of 1 expectations not met, 2 not checked (the token has no "
                      "decoded header and claims)\n"),
             report.text());
  BOOST_TEST(contains(report.text(), "  - claim \"nbf\": not checked (expected absent)\n"), report.text());
}

BOOST_AUTO_TEST_CASE(a_valid_report_counts_as_verified) {
  const Report checked = tenant_verifier().check(mint(tenant_claims()));
  BOOST_REQUIRE(checked.valid);
  const ExpectationReport report = expect_token(checked).issuer_is(issuer).has_scopes({"read:reports"}).check();
  BOOST_TEST(report.passed(), report.text());
  BOOST_TEST(report.provenance == TokenProvenance::verified);
  BOOST_TEST(report.checked == 3u);
}

BOOST_AUTO_TEST_CASE(an_invalid_report_lists_every_error_and_still_checks_the_decoded_claims) {
  Auth0Claims claims = tenant_claims();
  claims.audiences = {"https://api.other"};
  claims.issuer = "https://evil.example/";
  const Report checked = tenant_verifier().check(mint(claims));
  BOOST_REQUIRE(!checked.valid);

  const ExpectationReport report =
      expect_token(checked).issuer_is("https://evil.example/").audience_contains(audience).check();
  BOOST_TEST(report.provenance == TokenProvenance::failed_verification);
  BOOST_REQUIRE_EQUAL(report.mismatches.size(), 2u);
  const Mismatch verification = only_mismatch(report, "verification");
  BOOST_TEST(contains(verification.actual, "issuer_mismatch: "), verification.actual);
  BOOST_TEST(contains(verification.actual, "audience_mismatch: "), verification.actual);
  BOOST_TEST(only_mismatch(report, "aud").actual == "\"https://api.other\"");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(expect_unverified)

BOOST_AUTO_TEST_CASE(an_unverified_token_is_marked_shape_only) {
  const ExpectationReport passing = expect_minted(tenant_claims()).issuer_is(issuer).check();
  BOOST_TEST(passing.passed(), passing.text());
  BOOST_TEST(passing.provenance == TokenProvenance::unverified);
  BOOST_TEST(passing.checked == 1u);
  BOOST_TEST(passing.text() == "UNVERIFIED (shape only) token (alg \"RS256\"): all 1 expectations met\n");

  const ExpectationReport failing = expect_minted(tenant_claims()).issuer_is("https://x/").check();
  BOOST_TEST(contains(failing.text(), "UNVERIFIED (shape only) token (alg \"RS256\"): 1 of 1 expectations not met"),
             failing.text());
}

BOOST_AUTO_TEST_CASE(an_alg_none_token_can_be_inspected_but_not_mistaken_for_a_signed_one) {
  MintOptions none;
  none.alg_header = "none";  // signed anyway: decoding refuses an empty signature segment
  const ExpectationReport report =
      expect_minted(tenant_claims(), none).issuer_is(issuer).alg_is_one_of({Alg::RS256}).check();
  BOOST_TEST(report.alg == "none");
  BOOST_TEST(only_mismatch(report, "alg").actual == "\"none\"");
  BOOST_TEST(report.mismatches.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_token_that_does_not_decode_fails_every_expectation) {
  for (const std::string bad : {"", "not-a-token", "a.b", "e30.e30.e30.e30.e30", "e30.bm90IGpzb24.c2ln"}) {
    BOOST_TEST_CONTEXT("token " << bad) {
      const ExpectationReport report = expect_unverified_token(bad).claim_is_absent("nbf").issuer_is(issuer).check();
      BOOST_REQUIRE_EQUAL(report.mismatches.size(), 3u);
      BOOST_TEST(report.mismatches[0].what == "decode");
      BOOST_TEST(!report.mismatches[0].actual.empty());
      BOOST_TEST(report.mismatches[0].checked);
      BOOST_TEST(!report.mismatches[1].checked);
      BOOST_TEST(!report.mismatches[2].checked);
      BOOST_TEST(report.checked == 1u);
      BOOST_TEST(report.not_checked() == 2u);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(expect_each_kind)

BOOST_AUTO_TEST_CASE(audience_may_be_a_string_or_an_array) {
  Auth0Claims claims = tenant_claims();
  claims.audiences = {"https://a", "https://b"};
  BOOST_TEST(expect_minted(claims).audience_contains("https://b").check().passed());
  const ExpectationReport report = expect_minted(claims).audience_contains("https://c").check();
  BOOST_TEST(only_mismatch(report, "aud").actual == R"(["https://a","https://b"])");

  claims.audiences = {};
  BOOST_TEST(only_mismatch(expect_minted(claims).audience_contains("https://a").check(), "aud").actual == "(absent)");
  claims.extra_claims_json = R"({"aud":[7,{"x":"https://a"}]})";
  BOOST_TEST(!expect_minted(claims).audience_contains("https://a").check().passed());
}

BOOST_AUTO_TEST_CASE(subject_must_be_a_client_subject) {
  Auth0Claims claims = tenant_claims();
  for (const char* sub : {R"("user|42")", R"("@clients")", R"("x@clients ")", "42", "null"}) {
    BOOST_TEST_CONTEXT("sub " << sub) {
      claims.extra_claims_json = std::string(R"({"sub":)") + sub + "}";
      const ExpectationReport report = expect_minted(claims).subject_is_client().check();
      BOOST_TEST(only_mismatch(report, "sub").actual == sub);
      BOOST_TEST(only_mismatch(report, "sub").expected == "\"CLIENT_ID@clients\" (a client-credentials subject)");
    }
  }
  claims.extra_claims_json = R"({"sub":"x@clients"})";
  BOOST_TEST(expect_minted(claims).subject_is_client().check().passed());
  BOOST_TEST(!expect_minted(claims).subject_is_client("y").check().passed());
  BOOST_TEST(expect_minted(claims).subject_is_client("x").check().passed());
}

BOOST_AUTO_TEST_CASE(scopes_come_from_scope_and_scp) {
  Auth0Claims claims = tenant_claims();
  claims.scope = "  a  b ";
  claims.extra_claims_json = R"({"scp":["c","a"]})";
  BOOST_TEST(expect_minted(claims).has_scopes({"a", "b", "c"}).check().passed());
  BOOST_TEST(expect_minted(claims).has_exactly_scopes({"c", "b", "a", "a"}).check().passed());

  const ExpectationReport report = expect_minted(claims).has_exactly_scopes({"a", "d"}).check();
  const Mismatch scope = only_mismatch(report, "scope");
  BOOST_TEST(scope.expected == R"(exactly ["a", "d"])");
  BOOST_TEST(scope.actual == R"(scope "  a  b ", scp ["c","a"] (missing ["d"], unexpected ["b", "c"]))");

  claims.scope.clear();
  claims.extra_claims_json.clear();
  const ExpectationReport none = expect_minted(claims).has_scopes({"a"}).has_exactly_scopes({}).check();
  BOOST_REQUIRE_EQUAL(none.mismatches.size(), 1u);
  BOOST_TEST(none.mismatches[0].actual == R"(scope (absent) (missing ["a"]))");
}

BOOST_AUTO_TEST_CASE(permissions_are_the_auth0_rbac_array) {
  Auth0Claims claims = tenant_claims();
  claims.permissions = {"read:a", "write:a"};
  BOOST_TEST(expect_minted(claims).has_permission("write:a").check().passed());
  // A scope is not a permission.
  const ExpectationReport report = expect_minted(claims).has_permission("read:reports").check();
  BOOST_TEST(only_mismatch(report, "permissions").actual == R"(["read:a","write:a"])");
  claims.permissions.clear();
  claims.extra_claims_json = R"({"permissions":"read:reports"})";
  BOOST_TEST(!expect_minted(claims).has_permission("read:reports").check().passed());
}

BOOST_AUTO_TEST_CASE(expiry_must_be_in_the_future_and_within_the_duration) {
  const Auth0Claims claims = tenant_claims();  // exp = now + 3600
  BOOST_TEST(expect_minted(claims).expires_within(std::chrono::seconds(3600)).check().passed());
  const ExpectationReport too_far = expect_minted(claims).expires_within(std::chrono::seconds(3599)).check();
  BOOST_TEST(only_mismatch(too_far, "exp").expected == "in the future and at most 59 min from now");
  BOOST_TEST(only_mismatch(too_far, "exp").actual == "exp 1700003600 (in 1 h, now 1700000000)");

  const ExpectationReport expired =
      expect_minted(claims).at(now + 3620).expires_within(std::chrono::hours(1)).check();
  BOOST_TEST(only_mismatch(expired, "exp").actual == "exp 1700003600 (expired 20 s ago, now 1700003620)");

  Auth0Claims odd = claims;
  odd.extra_claims_json = R"({"exp":"tomorrow"})";
  BOOST_TEST(only_mismatch(expect_minted(odd).expires_within(std::chrono::hours(2)).check(), "exp").actual ==
             "\"tomorrow\" (not a NumericDate)");
  odd.extra_claims_json = R"({"exp":1700000100.75})";
  BOOST_TEST(expect_minted(odd).expires_within(std::chrono::seconds(100)).check().passed());
  BOOST_TEST(!expect_minted(odd).expires_within(std::chrono::seconds(99)).check().passed());
  // Without at(), the system clock: a token minted for 2023 has long expired.
  BOOST_TEST(!expect_unverified_token(mint(claims)).expires_within(std::chrono::hours(1)).check().passed());
}

BOOST_AUTO_TEST_CASE(typ_is_compared_exactly_and_may_be_absent) {
  MintOptions at_jwt;
  at_jwt.typ = "at+jwt";
  BOOST_TEST(expect_minted(tenant_claims(), at_jwt).header_typ_is("at+jwt").check().passed());
  BOOST_TEST(!expect_minted(tenant_claims(), at_jwt).header_typ_is("AT+JWT").check().passed());
  MintOptions no_typ;
  no_typ.typ.clear();
  BOOST_TEST(only_mismatch(expect_minted(tenant_claims(), no_typ).header_typ_is("JWT").check(), "typ").actual ==
             "(absent)");
}

BOOST_AUTO_TEST_CASE(claim_equals_compares_json_values) {
  Auth0Claims claims = tenant_claims();
  claims.extra_claims_json = R"({"n":1,"f":1.5,"arr":[1,"2"],"o":{"a":{"b":null}},"https://x.io/tier":"gold"})";
  BOOST_TEST(expect_minted(claims)
                 .claim_equals("n", "1.0")
                 .claim_equals("f", "1.5")
                 .claim_equals("arr", R"([1, "2"])")
                 .claim_equals("o", R"({ "a" : { "b" : null } })")
                 .claim_equals("/o/a/b", "null")
                 .claim_equals("https://x.io/tier", R"("gold")")
                 .claim_equals("/https:~1~1x.io~1tier", R"("gold")")
                 .check()
                 .passed());

  const ExpectationReport report = expect_minted(claims)
                                       .claim_equals("arr", R"(["2", 1])")
                                       .claim_equals("n", R"("1")")
                                       .claim_equals("missing", "1")
                                       .claim_equals("n", "{not json")
                                       .claim_equals("/o/~2", "1")
                                       .check();
  BOOST_REQUIRE_EQUAL(report.mismatches.size(), 5u);
  BOOST_TEST(report.mismatches[0].expected == R"(["2",1])");
  BOOST_TEST(report.mismatches[0].actual == R"([1,"2"])");
  BOOST_TEST(report.mismatches[1].actual == "1");
  BOOST_TEST(report.mismatches[2].actual == "(absent)");
  BOOST_TEST(contains(report.mismatches[3].actual, "not valid JSON"));
  BOOST_TEST(contains(report.mismatches[4].actual, "not a valid JSON Pointer"));
}

BOOST_AUTO_TEST_CASE(claim_matches_needs_a_string_matching_entirely) {
  Auth0Claims claims = tenant_claims();
  claims.extra_claims_json = R"({"org":"org_ABC123","n":5})";
  BOOST_TEST(expect_minted(claims).claim_matches("org", "org_[A-Z0-9]+").check().passed());
  BOOST_TEST(expect_minted(claims)
                 .claim_matches("org", std::regex("ORG_.*", std::regex::icase), "org id, any case")
                 .check()
                 .passed());

  const ExpectationReport report = expect_minted(claims)
                                       .claim_matches("org", "ABC")  // a partial match is not enough
                                       .claim_matches("n", "5")
                                       .claim_matches("absent", ".*")
                                       .claim_matches("org", "([unclosed")
                                       .claim_matches("org", std::regex("x"), "the letter x")
                                       .check();
  BOOST_REQUIRE_EQUAL(report.mismatches.size(), 5u);
  BOOST_TEST(report.mismatches[0].expected == "a string matching /ABC/");
  BOOST_TEST(report.mismatches[0].actual == "\"org_ABC123\"");
  BOOST_TEST(report.mismatches[1].actual == "5");
  BOOST_TEST(report.mismatches[2].actual == "(absent)");
  BOOST_TEST(contains(report.mismatches[3].actual, "invalid regular expression"));
  BOOST_TEST(report.mismatches[4].expected == "a string matching the letter x");
}

BOOST_AUTO_TEST_CASE(claim_is_absent_fails_on_any_value_even_null) {
  Auth0Claims claims = tenant_claims();
  claims.extra_claims_json = R"({"nbf":null})";
  BOOST_TEST(only_mismatch(expect_minted(claims).claim_is_absent("nbf").check(), "claim \"nbf\"").actual == "null");
  BOOST_TEST(expect_minted(claims).claim_is_absent("nothing").claim_is_absent("/nbf/x").check().passed());
}

BOOST_AUTO_TEST_CASE(untrusted_values_are_escaped_and_cut_in_the_report) {
  Auth0Claims claims = tenant_claims();
  claims.issuer = "https://x/\n  - iss: expected a forged line";
  const std::string text = expect_minted(claims).issuer_is(issuer).check().text();
  BOOST_TEST(contains(text, R"(got "https://x/\n  - iss: expected a forged line")"), text);
  BOOST_TEST(std::count(text.begin(), text.end(), '\n') == 2);

  claims.issuer = std::string(5000, 'a');
  const Mismatch long_one = only_mismatch(expect_minted(claims).issuer_is(issuer).check(), "iss");
  BOOST_TEST(long_one.actual.size() < 300u);
  BOOST_TEST(long_one.actual.ends_with("..."));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(expect_boost_adapter)

BOOST_AUTO_TEST_CASE(the_predicate_carries_the_report_as_its_message) {
  auto met = boost_test::meets_expectations(expect_minted(tenant_claims()).issuer_is(issuer));
  BOOST_TEST(static_cast<bool>(met));
  BOOST_TEST(met.has_empty_message());

  auto unmet = boost_test::meets_expectations(
      expect_minted(tenant_claims()).issuer_is("https://x/").audience_contains("https://y"));
  BOOST_TEST(!unmet);
  const std::string message = unmet.message().str();
  BOOST_TEST(contains(message, "UNVERIFIED (shape only) token (alg \"RS256\"): 2 of 2 expectations not met"), message);
  BOOST_TEST(contains(message, "  - iss: expected \"https://x/\", got \"https://tenant.example/\""), message);
  BOOST_TEST(contains(message, "  - aud: expected to contain \"https://y\", got \"https://api.example\""), message);
}

BOOST_AUTO_TEST_CASE(the_macros_pass_on_a_matching_token) {
  const auto verified = tenant_verifier().verify(mint(tenant_claims()));
  JWTCHECK_REQUIRE_TOKEN(expect_token(verified).issuer_is(issuer));
  JWTCHECK_CHECK_TOKEN(expect_token(verified).subject_is_client(client_id).has_scopes({"read:reports"}));
  JWTCHECK_EXPECT_TOKEN(expect_token(verified).audience_contains(audience));
}

BOOST_AUTO_TEST_SUITE_END()
