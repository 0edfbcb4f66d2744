// Token profiles (issue 20 item 2): auth0 (the default), rfc9068 (RFC 9068 JWT access tokens:
// typ at+jwt; iss, exp, aud, sub, client_id, iat and jti required; the client is client_id) and
// any (signature, iss, aud and times only). Each refusal names its claim and code.
#include "verify/verify_fixture.hpp"

#include "support/error_printing.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

// What Auth0's "RFC 9068" profile issues for a client-credentials grant: the Auth0 claims without
// azp and gty, with client_id and jti.
ClaimsJson rfc9068_claims() {
  return auth0_claims()
      .remove("azp")
      .remove("gty")
      .set_string("client_id", kClientId)
      .set_string("jti", "6f1d0a2c-token-id");
}

std::string token_with_typ(const TestKey& key, std::string_view typ, const ClaimsJson& claims) {
  const std::string header = typ.empty() ? R"({"alg":"ES256","kid":")" + key.kid + R"("})"
                                         : R"({"alg":"ES256","typ":")" + std::string(typ) + R"(","kid":")" + key.kid + R"("})";
  return signed_token(key, Alg::ES256, header, claims.str());
}

Verifier verifier_with(TokenProfile profile, Policy policy = auth0_policy()) {
  policy.profile = profile;
  return make_verifier(key_set_of({&cached_test_key(Alg::ES256)}), std::move(policy));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(token_profiles)

BOOST_AUTO_TEST_CASE(profile_names_round_trip) {
  for (TokenProfile p : {TokenProfile::auth0, TokenProfile::rfc9068, TokenProfile::any}) {
    BOOST_TEST(profile_from_name(profile_name(p)).value_or(TokenProfile::any) == p);
    BOOST_TEST(profile_from_name(profile_name(p)).has_value());
  }
  BOOST_TEST(!profile_from_name("RFC9068").has_value());
  BOOST_TEST(!profile_from_name("").has_value());
}

BOOST_AUTO_TEST_CASE(an_rfc9068_token_passes_and_its_client_is_client_id) {
  const TestKey& key = cached_test_key(Alg::ES256);
  Policy policy = auth0_policy();
  policy.expected_client_id = std::string(kClientId);
  const Verifier v = verifier_with(TokenProfile::rfc9068, policy);
  for (std::string_view typ : {"at+jwt", "application/at+jwt", "AT+JWT"}) {
    auto verified = v.verify(token_with_typ(key, typ, rfc9068_claims()));
    BOOST_TEST_REQUIRE(verified.ok(), typ << ": " << (verified.ok() ? "" : verified.error().message));
    BOOST_TEST(verified->client_id() == kClientId);
  }
  // sub is any string under rfc9068: the client comes from client_id.
  auto other_sub = v.verify(token_with_typ(key, "at+jwt", rfc9068_claims().set_string("sub", "service-7")));
  BOOST_TEST_REQUIRE(other_sub.ok(), (other_sub.ok() ? "" : other_sub.error().message));
  BOOST_TEST(other_sub->client_id() == kClientId);
  const Report report = v.check(token_with_typ(key, "at+jwt", rfc9068_claims()));
  BOOST_TEST(report.valid);
  BOOST_TEST(report.profile == TokenProfile::rfc9068);
}

BOOST_AUTO_TEST_CASE(rfc9068_refuses_each_missing_claim_with_its_code) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = verifier_with(TokenProfile::rfc9068);
  for (const char* claim : {"iss", "exp", "aud", "sub", "client_id", "iat", "jti"}) {
    auto refused = v.verify(token_with_typ(key, "at+jwt", rfc9068_claims().remove(claim)));
    BOOST_TEST_REQUIRE(!refused.ok(), claim);
    BOOST_TEST(refused.error().code == ErrorCode::missing_claim, claim << ": " << refused.error().message);
    BOOST_TEST(refused.error().message.find(claim) == 0u, refused.error().message);
  }
  // typ: absent, or the plain JWT of an ID token or an auth0-profile token.
  for (std::string_view typ : {"", "JWT", "application/jwt"}) {
    auto refused = v.verify(token_with_typ(key, typ, rfc9068_claims()));
    BOOST_TEST_REQUIRE(!refused.ok(), typ);
    BOOST_TEST(refused.error().code == ErrorCode::typ_mismatch, typ << ": " << refused.error().message);
  }
  // Wrong types and values.
  auto numeric_jti = v.verify(token_with_typ(key, "at+jwt", rfc9068_claims().set("jti", "7")));
  BOOST_TEST_REQUIRE(!numeric_jti.ok());
  BOOST_TEST(numeric_jti.error().code == ErrorCode::invalid_claim);
  auto empty_jti = v.verify(token_with_typ(key, "at+jwt", rfc9068_claims().set_string("jti", "")));
  BOOST_TEST_REQUIRE(!empty_jti.ok());
  BOOST_TEST(empty_jti.error().code == ErrorCode::invalid_claim);
  auto other_azp = v.verify(token_with_typ(key, "at+jwt", rfc9068_claims().set_string("azp", "someone-else")));
  BOOST_TEST_REQUIRE(!other_azp.ok());
  BOOST_TEST(other_azp.error().code == ErrorCode::azp_mismatch);
}

BOOST_AUTO_TEST_CASE(rfc9068_compares_the_expected_client_with_client_id) {
  const TestKey& key = cached_test_key(Alg::ES256);
  Policy policy = auth0_policy();
  policy.expected_client_id = "another-client";
  auto refused = verifier_with(TokenProfile::rfc9068, policy).verify(token_with_typ(key, "at+jwt", rfc9068_claims()));
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::azp_mismatch, refused.error().message);
  BOOST_TEST(refused.error().message.find("client_id") == 0u, refused.error().message);
}

// An Auth0-profile token lacks typ at+jwt, client_id and jti: the rfc9068 profile refuses it, and
// the auth0 profile refuses an rfc9068 token whose sub is not CLIENT@clients.
BOOST_AUTO_TEST_CASE(the_profiles_do_not_accept_each_others_shapes) {
  const TestKey& key = cached_test_key(Alg::ES256);
  BOOST_TEST(!verifier_with(TokenProfile::rfc9068).verify(auth0_token(key, Alg::ES256)).ok());
  auto auth0 = verifier_with(TokenProfile::auth0).verify(
      token_with_typ(key, "at+jwt", rfc9068_claims().set_string("sub", "service-7")));
  BOOST_TEST_REQUIRE(!auth0.ok());
  BOOST_TEST(auth0.error().code == ErrorCode::subject_mismatch);
}

BOOST_AUTO_TEST_CASE(any_checks_signature_issuer_audience_and_times_only) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = verifier_with(TokenProfile::any);
  // A user token: sub not CLIENT@clients, no azp, client_id or gty.
  ClaimsJson user;
  user.set_string("iss", kIssuer).set_string("sub", "auth0|user-42").set_string("aud", kAudience)
      .set_number("exp", kNow + 600);
  auto verified = v.verify(auth0_token(key, Alg::ES256, user));
  BOOST_TEST_REQUIRE(verified.ok(), (verified.ok() ? "" : verified.error().message));
  BOOST_TEST(verified->client_id().empty());
  BOOST_TEST(!verifier_with(TokenProfile::auth0).verify(auth0_token(key, Alg::ES256, user)).ok());
  // Still refused: wrong audience, wrong issuer, expired, a bad signature.
  BOOST_TEST(!v.verify(auth0_token(key, Alg::ES256, ClaimsJson(user).set_string("aud", "https://other"))).ok());
  BOOST_TEST(!v.verify(auth0_token(key, Alg::ES256, ClaimsJson(user).set_string("iss", "https://evil/"))).ok());
  BOOST_TEST(!v.verify(auth0_token(key, Alg::ES256, ClaimsJson(user).set_number("exp", kNow - 600))).ok());
  std::string forged = auth0_token(key, Alg::ES256, user);
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  BOOST_TEST(!v.verify(forged).ok());
  // The client, when the token names one, is client_id or azp.
  auto with_azp = v.verify(auth0_token(key, Alg::ES256, ClaimsJson(user).set_string("azp", "web-app")));
  BOOST_TEST_REQUIRE(with_azp.ok());
  BOOST_TEST(with_azp->client_id() == "web-app");
}

BOOST_AUTO_TEST_SUITE_END()
