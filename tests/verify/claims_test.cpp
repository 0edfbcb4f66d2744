// Claim and policy checks through the Verifier: each claim's types, values and messages, and
// every time check exactly at its boundary and one second either side.
#include <jwtcheck/verifier.hpp>

#include "verify/numeric_date.hpp"
#include "verify/typ_match.hpp"
#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

const TestKey& key() { return cached_test_key(Alg::ES256); }

Result<VerifiedToken> verify_claims(const ClaimsJson& claims, Policy policy = auth0_policy(), std::string_view typ = "JWT") {
  const Verifier v = make_verifier(key_set_of({&key()}), std::move(policy));
  return v.verify(signed_token(key(), Alg::ES256, jose_header_json(Alg::ES256, key().kid, typ), claims.str()));
}

void require_ok(const ClaimsJson& claims, Policy policy = auth0_policy(), std::string_view typ = "JWT") {
  auto r = verify_claims(claims, std::move(policy), typ);
  BOOST_TEST(r.ok(), (r.ok() ? "" : r.error().message) << " for " << claims.str());
}

void require_code(const ClaimsJson& claims, ErrorCode code, Policy policy = auth0_policy(), std::string_view typ = "JWT") {
  auto r = verify_claims(claims, std::move(policy), typ);
  BOOST_TEST(!r.ok(), "accepted " << claims.str());
  if (!r.ok()) BOOST_TEST(r.error().code == code, r.error().message << " for " << claims.str());
}

std::string message_of(const ClaimsJson& claims, Policy policy = auth0_policy()) {
  auto r = verify_claims(claims, std::move(policy));
  return r.ok() ? std::string("(accepted)") : r.error().message;
}

Policy with_leeway(std::int64_t seconds) {
  Policy p = auth0_policy();
  p.leeway = std::chrono::seconds(seconds);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(claims)

BOOST_AUTO_TEST_CASE(issuer_is_compared_byte_for_byte) {
  require_ok(auth0_claims());
  require_code(auth0_claims().set_string("iss", "https://tenant.example"), ErrorCode::issuer_mismatch);
  require_code(auth0_claims().set_string("iss", "https://TENANT.example/"), ErrorCode::issuer_mismatch);
  require_code(auth0_claims().set_string("iss", "https://tenant.example//"), ErrorCode::issuer_mismatch);
  require_code(auth0_claims().set("iss", R"("https://tenant.example/\u0000")"), ErrorCode::issuer_mismatch);
  require_code(auth0_claims().remove("iss"), ErrorCode::missing_claim);
  require_code(auth0_claims().set("iss", "1"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("iss", R"(["https://tenant.example/"])"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("iss", "null"), ErrorCode::invalid_claim);
  BOOST_TEST(message_of(auth0_claims().set_string("iss", "https://tenant.example")) ==
             R"(iss: expected "https://tenant.example/" got "https://tenant.example")");
  BOOST_TEST(message_of(auth0_claims().remove("iss")) == R"(iss: missing, expected "https://tenant.example/")");
  BOOST_TEST(message_of(auth0_claims().set("iss", "42")) == "iss: expected a string, got 42");
}

BOOST_AUTO_TEST_CASE(audience_string_or_array) {
  require_ok(auth0_claims().set("aud", R"(["https://api.example"])"));
  require_ok(auth0_claims().set("aud", R"(["https://a","https://api.example","https://b"])"));
  require_code(auth0_claims().set("aud", "[]"), ErrorCode::audience_mismatch);
  require_code(auth0_claims().set_string("aud", "https://api.example/"), ErrorCode::audience_mismatch);
  require_code(auth0_claims().set("aud", R"(["https://a","https://b"])"), ErrorCode::audience_mismatch);
  require_code(auth0_claims().remove("aud"), ErrorCode::missing_claim);
  require_code(auth0_claims().set("aud", R"(["https://api.example",1])"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("aud", R"({"aud":"https://api.example"})"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("aud", "true"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("aud", R"([["https://api.example"]])"), ErrorCode::invalid_claim);
  // Any configured audience will do.
  Policy p = auth0_policy();
  p.audiences = {"https://other", "https://api.example"};
  require_ok(auth0_claims(), p);
  require_code(auth0_claims().set_string("aud", "https://third"), ErrorCode::audience_mismatch, p);
  BOOST_TEST(message_of(auth0_claims().set_string("aud", "https://third"), p) ==
             R"(aud: expected one of ["https://other","https://api.example"] got "https://third")");
}

BOOST_AUTO_TEST_CASE(audience_count_limit_is_exact) {
  auto aud_array = [](std::size_t n) {
    std::string a = "[\"https://api.example\"";
    for (std::size_t i = 1; i < n; ++i) a += ",\"https://x" + std::to_string(i) + "\"";
    return a + "]";
  };
  require_ok(auth0_claims().set("aud", aud_array(64)));
  require_code(auth0_claims().set("aud", aud_array(65)), ErrorCode::invalid_claim);
  BOOST_TEST(message_of(auth0_claims().set("aud", aud_array(65))) == "aud: 65 entries, limit 64");
}

BOOST_AUTO_TEST_CASE(subject_must_be_a_client) {
  require_code(auth0_claims().set_string("sub", "@clients"), ErrorCode::subject_mismatch);
  require_code(auth0_claims().set_string("sub", "AbCdEf123"), ErrorCode::subject_mismatch);
  require_code(auth0_claims().set_string("sub", "auth0|user123"), ErrorCode::subject_mismatch);
  require_code(auth0_claims().set_string("sub", "AbCdEf123@clients "), ErrorCode::subject_mismatch);
  require_code(auth0_claims().set_string("sub", "AbCdEf123@Clients"), ErrorCode::subject_mismatch);
  require_code(auth0_claims().remove("sub"), ErrorCode::missing_claim);
  require_code(auth0_claims().set("sub", "123"), ErrorCode::invalid_claim);
  BOOST_TEST(message_of(auth0_claims().set_string("sub", "auth0|u").remove("azp")) ==
             R"(sub: expected "<client id>@clients" got "auth0|u")");
  // "a@clients@clients" is a client id "a@clients": odd but well formed.
  auto odd = verify_claims(auth0_claims().set_string("sub", "a@clients@clients").remove("azp"));
  BOOST_REQUIRE(odd.ok());
  BOOST_TEST(odd->client_id() == "a@clients");
}

BOOST_AUTO_TEST_CASE(subject_policy_variants) {
  Policy any = auth0_policy();
  any.subject_suffix.clear();
  require_ok(auth0_claims().set_string("sub", "auth0|user").remove("azp"), any);
  require_ok(auth0_claims().remove("sub").remove("azp"), any);
  require_code(auth0_claims().set("sub", "1"), ErrorCode::invalid_claim, any);
  auto r = verify_claims(auth0_claims().set_string("sub", "someone").set_string("azp", "someone"), any);
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->client_id() == "someone");

  Policy exact = auth0_policy();
  exact.expected_client_id = std::string(kClientId);
  require_ok(auth0_claims(), exact);
  require_code(auth0_claims().set_string("sub", "Other@clients").set_string("azp", "Other"), ErrorCode::subject_mismatch, exact);
  require_code(auth0_claims().set_string("sub", "xAbCdEf123@clients"), ErrorCode::subject_mismatch, exact);
  BOOST_TEST(message_of(auth0_claims().set_string("sub", "Other@clients"), exact) ==
             R"(sub: expected "AbCdEf123@clients" got "Other@clients")");

  Policy custom = auth0_policy();
  custom.subject_suffix = "@svc";
  require_ok(auth0_claims().set_string("sub", "AbCdEf123@svc"), custom);
  require_code(auth0_claims(), ErrorCode::subject_mismatch, custom);
}

BOOST_AUTO_TEST_CASE(azp_and_client_id_agree_with_the_subject) {
  require_ok(auth0_claims().remove("azp"));
  require_ok(auth0_claims().set_string("client_id", kClientId));
  require_code(auth0_claims().set_string("azp", "Other"), ErrorCode::azp_mismatch);
  require_code(auth0_claims().set_string("client_id", "Other"), ErrorCode::azp_mismatch);
  require_code(auth0_claims().set("azp", "7"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("client_id", "[]"), ErrorCode::invalid_claim);
  BOOST_TEST(message_of(auth0_claims().set_string("azp", "Other")) ==
             R"(azp: expected "AbCdEf123" (the client id in sub) got "Other")");
  Policy lax = auth0_policy();
  lax.check_azp_matches_subject = false;
  require_ok(auth0_claims().set_string("azp", "Other"), lax);
  Policy exact = auth0_policy();
  exact.expected_client_id = std::string(kClientId);
  exact.check_azp_matches_subject = false;  // the expected client still binds azp
  require_code(auth0_claims().set_string("azp", "Other"), ErrorCode::azp_mismatch, exact);
}

BOOST_AUTO_TEST_CASE(grant_type_when_required) {
  require_ok(auth0_claims().remove("gty"));
  Policy p = auth0_policy();
  p.required_gty = "client-credentials";
  require_ok(auth0_claims(), p);
  require_code(auth0_claims().remove("gty"), ErrorCode::missing_claim, p);
  require_code(auth0_claims().set_string("gty", "password"), ErrorCode::gty_mismatch, p);
  require_code(auth0_claims().set("gty", R"(["client-credentials"])"), ErrorCode::invalid_claim, p);
}

BOOST_AUTO_TEST_CASE(exp_boundary) {
  for (std::int64_t leeway : {0, 5, 30}) {
    BOOST_TEST_CONTEXT("leeway " << leeway) {
      // valid while now < exp + leeway
      require_ok(auth0_claims().set_number("exp", kNow - leeway + 1), with_leeway(leeway));
      require_code(auth0_claims().set_number("exp", kNow - leeway), ErrorCode::expired, with_leeway(leeway));
      require_code(auth0_claims().set_number("exp", kNow - leeway - 1), ErrorCode::expired, with_leeway(leeway));
    }
  }
  BOOST_TEST(message_of(auth0_claims().set_number("exp", kNow - 37), with_leeway(5)) == "exp: expired 37 s ago (leeway 5 s)");
  BOOST_TEST(message_of(auth0_claims().set_number("exp", kNow), with_leeway(0)) == "exp: expired 0 s ago (leeway 0 s)");
}

BOOST_AUTO_TEST_CASE(fractional_seconds_are_compared_exactly) {
  require_ok(auth0_claims().set("exp", std::to_string(kNow) + ".5"), with_leeway(0));
  require_code(auth0_claims().set("exp", std::to_string(kNow) + ".0"), ErrorCode::expired, with_leeway(0));
  require_code(auth0_claims().set("exp", std::to_string(kNow - 1) + ".999"), ErrorCode::expired, with_leeway(0));
  require_code(auth0_claims().set("nbf", std::to_string(kNow) + ".25"), ErrorCode::not_yet_valid, with_leeway(0));
  require_ok(auth0_claims().set("nbf", std::to_string(kNow - 1) + ".75"), with_leeway(0));
  require_code(auth0_claims().set("iat", std::to_string(kNow) + ".001"), ErrorCode::issued_in_future, with_leeway(0));
  require_ok(auth0_claims().set("iat", std::to_string(kNow) + ".000"), with_leeway(0));
  auto r = verify_claims(auth0_claims().set("exp", std::to_string(kNow + 10) + ".9"), with_leeway(0));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->expires_at().value() == kNow + 10);  // whole seconds, rounded down
  BOOST_TEST(message_of(auth0_claims().set("exp", "1699999962.5"), with_leeway(5)) == "exp: expired 37.5 s ago (leeway 5 s)");
}

BOOST_AUTO_TEST_CASE(nbf_boundary) {
  for (std::int64_t leeway : {0, 5}) {
    BOOST_TEST_CONTEXT("leeway " << leeway) {
      // valid when now >= nbf - leeway
      require_ok(auth0_claims().set_number("nbf", kNow + leeway), with_leeway(leeway));
      require_ok(auth0_claims().set_number("nbf", kNow + leeway - 1), with_leeway(leeway));
      require_code(auth0_claims().set_number("nbf", kNow + leeway + 1), ErrorCode::not_yet_valid, with_leeway(leeway));
    }
  }
  BOOST_TEST(message_of(auth0_claims().set_number("nbf", kNow + 100), with_leeway(30)) ==
             "nbf: not valid for another 100 s (leeway 30 s)");
  auto r = verify_claims(auth0_claims().set_number("nbf", kNow - 5));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->not_before().value() == kNow - 5);
}

BOOST_AUTO_TEST_CASE(iat_boundary) {
  for (std::int64_t leeway : {0, 5}) {
    BOOST_TEST_CONTEXT("leeway " << leeway) {
      // invalid when iat > now + leeway
      require_ok(auth0_claims().set_number("iat", kNow + leeway), with_leeway(leeway));
      require_ok(auth0_claims().set_number("iat", kNow + leeway - 1), with_leeway(leeway));
      require_code(auth0_claims().set_number("iat", kNow + leeway + 1), ErrorCode::issued_in_future, with_leeway(leeway));
    }
  }
  BOOST_TEST(message_of(auth0_claims().set_number("iat", kNow + 50), with_leeway(0)) ==
             "iat: issued 50 s in the future (leeway 0 s)");
}

BOOST_AUTO_TEST_CASE(max_age_boundary) {
  Policy p = with_leeway(5);
  p.max_age = std::chrono::seconds(3600);
  // valid while now < iat + max_age + leeway
  require_ok(auth0_claims().set_number("iat", kNow - 3600 - 5 + 1), p);
  require_code(auth0_claims().set_number("iat", kNow - 3600 - 5), ErrorCode::token_too_old, p);
  require_code(auth0_claims().set_number("iat", kNow - 3600 - 5 - 1), ErrorCode::token_too_old, p);
  require_code(auth0_claims().remove("iat"), ErrorCode::missing_claim, p);
  BOOST_TEST(message_of(auth0_claims().set_number("iat", kNow - 4000), p) ==
             "iat: issued 1 h 6 min ago, max age 1 h (leeway 5 s)");
}

BOOST_AUTO_TEST_CASE(required_and_optional_times) {
  require_code(auth0_claims().remove("exp"), ErrorCode::missing_claim);
  Policy no_exp = auth0_policy();
  no_exp.require_exp = false;
  auto r = verify_claims(auth0_claims().remove("exp"), no_exp);
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(!r->expires_at().has_value());
  require_ok(auth0_claims().remove("iat"));
  Policy need_iat = auth0_policy();
  need_iat.require_iat = true;
  require_code(auth0_claims().remove("iat"), ErrorCode::missing_claim, need_iat);
}

BOOST_AUTO_TEST_CASE(numeric_dates_must_be_in_range_numbers) {
  for (const char* bad : {R"("1700003600")", "-1", "-0.5", "253402300800", "1e300", "true", "null", "[1700003600]",
                          "{}", "1.8e19", "99999999999999999999"}) {
    BOOST_TEST_CONTEXT("value " << bad) {
      require_code(auth0_claims().set("exp", bad), ErrorCode::invalid_claim);
      require_code(auth0_claims().set("nbf", bad), ErrorCode::invalid_claim);
      require_code(auth0_claims().set("iat", bad), ErrorCode::invalid_claim);
    }
  }
  // 1e400 overflows a double: the JSON parser refuses it before any claim check.
  require_code(auth0_claims().set("exp", "1e400"), ErrorCode::invalid_json);
  require_code(auth0_claims().set("exp", "-1e400"), ErrorCode::invalid_json);
  // The largest NumericDate, and exponent / fraction spellings of ordinary ones, are fine.
  require_ok(auth0_claims().set("exp", "253402300799"));
  require_ok(auth0_claims().set("exp", "1.7000036e9"));
  require_ok(auth0_claims().set("nbf", "0"));
  require_ok(auth0_claims().set("nbf", "-0"));
  BOOST_TEST(message_of(auth0_claims().set("exp", R"("1700003600")")) ==
             R"(exp: expected a NumericDate (a JSON number of seconds, 0..253402300799), got "1700003600")");
}

BOOST_AUTO_TEST_CASE(typ_allowlist) {
  Policy p = auth0_policy();
  p.typ_allowlist = {"at+jwt"};
  for (const char* typ : {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"}) require_ok(auth0_claims(), p, typ);
  for (const char* typ : {"JWT", "jwt", "application/jwt", "at+jwt ", "text/at+jwt", "application/application/at+jwt"})
    require_code(auth0_claims(), ErrorCode::typ_mismatch, p, typ);
  require_code(auth0_claims(), ErrorCode::typ_mismatch, p, "");  // no typ member at all
  Policy with_prefix = auth0_policy();
  with_prefix.typ_allowlist = {"application/at+jwt", "JWT"};
  require_ok(auth0_claims(), with_prefix, "at+jwt");
  require_ok(auth0_claims(), with_prefix, "jwt");
  // Without an allowlist typ is not checked.
  require_ok(auth0_claims(), auth0_policy(), "anything");
  require_ok(auth0_claims(), auth0_policy(), "");
}

BOOST_AUTO_TEST_CASE(typ_match_rules) {
  using jwtcheck::detail::typ_matches;
  BOOST_TEST(typ_matches("at+jwt", "AT+JWT"));
  BOOST_TEST(typ_matches("application/at+jwt", "at+jwt"));
  BOOST_TEST(typ_matches("at+jwt", "APPLICATION/at+jwt"));
  BOOST_TEST(!typ_matches("application/", ""));
  BOOST_TEST(!typ_matches("application/x/at+jwt", "x/at+jwt"));
  BOOST_TEST(!typ_matches("at+jwt", "at+jws"));
}

BOOST_AUTO_TEST_CASE(scope_claim_types) {
  require_code(auth0_claims().set("scope", "1"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("scope", R"(["read"])"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("scp", R"({"a":1})"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("scp", R"(["a",2])"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("permissions", R"("read:a")"), ErrorCode::invalid_claim);
  require_code(auth0_claims().set("permissions", R"([null])"), ErrorCode::invalid_claim);
  require_ok(auth0_claims().set_string("scope", ""));
  require_ok(auth0_claims().set("permissions", "[]"));
}

BOOST_AUTO_TEST_CASE(scope_count_limit_is_exact) {
  Policy p = auth0_policy();
  p.limits.max_scopes = 10;
  auto perms = [](int n) {
    std::string a = "[";
    for (int i = 0; i < n; ++i) a += (i ? ",\"p" : "\"p") + std::to_string(i) + "\"";
    return a + "]";
  };
  // 2 from "scope" + 8 permissions = 10 entries: at the limit.
  require_ok(auth0_claims().set("permissions", perms(8)), p);
  require_code(auth0_claims().set("permissions", perms(9)), ErrorCode::invalid_claim, p);
  // Duplicates count as entries: the limit bounds the work, not the result.
  require_code(auth0_claims().set_string("scope", "a a a a a a a a a a a"), ErrorCode::invalid_claim, p);
}

BOOST_AUTO_TEST_CASE(required_scopes) {
  Policy p = auth0_policy();
  p.required_scopes = {"read:reports", "admin"};
  require_code(auth0_claims(), ErrorCode::missing_scope, p);
  require_ok(auth0_claims().set("permissions", R"(["admin"])"), p);
  require_ok(auth0_claims().set("scp", R"(["admin"])"), p);
  require_code(auth0_claims().set_string("scope", "read:reportsadmin"), ErrorCode::missing_scope, p);
  BOOST_TEST(message_of(auth0_claims(), p) == R"(scope: missing ["admin"] (granted: "read:reports write:reports"))");
}

BOOST_AUTO_TEST_CASE(numeric_date_reader) {
  using jwtcheck::detail::read_numeric_date;
  auto number = [](double n) {
    jwtcheck::detail::ScannedValue v;
    v.kind = jwtcheck::detail::JsonKind::number;
    v.number = n;
    return v;
  };
  BOOST_TEST(read_numeric_date(number(1700000000.25)).value() == 1700000000.25);
  BOOST_TEST(!read_numeric_date(number(-1)).has_value());
  BOOST_TEST(!read_numeric_date(number(std::numeric_limits<double>::infinity())).has_value());
  BOOST_TEST(!read_numeric_date(number(std::numeric_limits<double>::quiet_NaN())).has_value());
  BOOST_TEST(read_numeric_date(number(253402300799.0)).has_value());
  BOOST_TEST(!read_numeric_date(number(253402300800.0)).has_value());
  BOOST_TEST(!read_numeric_date(number(18446744073709551615.0)).has_value());
  jwtcheck::detail::ScannedValue text;
  text.kind = jwtcheck::detail::JsonKind::string;
  text.string = "1700000000";
  BOOST_TEST(!read_numeric_date(text).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
