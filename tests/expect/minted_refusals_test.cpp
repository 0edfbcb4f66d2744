// The minting kit covers what tests need: keys of every family verify through their exported
// JWKS, and each deliberately broken token it can mint is refused by the verifier with the right code.
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>
#include <jwtcheck/verifier.hpp>

#include "expect/expect_fixture.hpp"
#include "support/error_printing.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <functional>
#include <string>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::testing;
using namespace jwtcheck::testing::expect_test;

namespace {

Verifier verifier_for(const std::vector<SigningKey>& keys, Policy policy = {}) {
  if (policy.issuer.empty()) policy.issuer = issuer;
  policy.audiences = {audience};
  VerifierOptions options;
  options.clock = [] { return now; };
  auto jwks = parse_jwks(jwks_json(keys));
  BOOST_REQUIRE(jwks.ok());
  BOOST_REQUIRE_EQUAL(jwks->keys.size(), keys.size());
  auto verifier = Verifier::create(std::move(policy), std::move(jwks->keys), std::move(options));
  BOOST_REQUIRE(verifier.ok());
  return std::move(*verifier);
}

struct BrokenToken {
  std::string name;
  std::function<std::string()> mint;
  ErrorCode refused_with;
  std::function<void(Policy&)> policy = [](Policy&) {};
};

Auth0Claims with_extra(std::string extra_claims_json) {
  Auth0Claims claims = tenant_claims();
  claims.extra_claims_json = std::move(extra_claims_json);
  return claims;
}

MintOptions header(std::function<void(MintOptions&)> change) {
  MintOptions options;
  change(options);
  return options;
}

SigningKey other_rsa_key(const std::string& kid) {
  auto key = SigningKey::generate(Alg::RS256, kid);
  BOOST_REQUIRE(key.ok());
  return *key;
}

std::string signed_by(const SigningKey& key, const Auth0Claims& claims) {
  auto token = mint_token(key, claims.to_json());
  BOOST_REQUIRE(token.ok());
  return *token;
}

std::vector<BrokenToken> broken_tokens() {
  return {
      {"expired", [] {
         Auth0Claims c = tenant_claims();
         c.issued_at = now - 7200;
         return mint(c);
       }, ErrorCode::expired},
      {"not yet valid (nbf in an hour)", [] { return mint(with_extra(R"({"nbf":1700003600})")); },
       ErrorCode::not_yet_valid},
      {"issued in the future", [] { return mint(with_extra(R"({"iat":1700003600})")); }, ErrorCode::issued_in_future},
      {"wrong audience", [] {
         Auth0Claims c = tenant_claims();
         c.audiences = {"https://api.other"};
         return mint(c);
       }, ErrorCode::audience_mismatch},
      {"no audience", [] {
         Auth0Claims c = tenant_claims();
         c.audiences = {};
         return mint(c);
       }, ErrorCode::missing_claim},
      {"wrong issuer", [] {
         Auth0Claims c = tenant_claims();
         c.issuer = "https://tenant.example";  // no trailing slash: a different issuer
         return mint(c);
       }, ErrorCode::issuer_mismatch},
      {"user subject, not a client", [] { return mint(with_extra(R"({"sub":"auth0|42"})")); },
       ErrorCode::subject_mismatch},
      {"azp of another client", [] { return mint(with_extra(R"({"azp":"other-client"})")); }, ErrorCode::azp_mismatch},
      {"no exp", [] { return mint_raw(R"({"iss":"https://tenant.example/","sub":"c@clients","aud":"https://api.example"})"); },
       ErrorCode::missing_claim},
      {"exp of the wrong type", [] { return mint(with_extra(R"({"exp":"tomorrow"})")); }, ErrorCode::invalid_claim},
      {"wrong key, same kid", [] { return signed_by(other_rsa_key("tenant-key"), tenant_claims()); },
       ErrorCode::bad_signature},
      {"wrong key, unknown kid", [] { return signed_by(other_rsa_key("stranger"), tenant_claims()); },
       ErrorCode::key_not_found},
      {"alg none, empty signature", [] {
         return mint(tenant_claims(), header([](MintOptions& o) { o.alg_header = "none"; o.empty_signature = true; }));
       }, ErrorCode::malformed_token},  // refused before alg is even looked at
      {"alg none with a signature", [] {
         return mint(tenant_claims(), header([](MintOptions& o) { o.alg_header = "none"; }));
       }, ErrorCode::alg_not_allowed},
      {"RS256 key confused as HS256 secret", [] {
         return mint(tenant_claims(), header([](MintOptions& o) { o.alg_header = "HS256"; }));
       }, ErrorCode::alg_not_allowed},
      {"alg not in the allowlist", [] { return mint(tenant_claims()); }, ErrorCode::alg_not_allowed,
       [](Policy& p) { p.algorithms = {Alg::ES256}; }},
      {"ES256 header on the RSA key's kid", [] {
         return mint(tenant_claims(), header([](MintOptions& o) { o.alg_header = "ES256"; }));
       }, ErrorCode::key_mismatch},
      {"unknown crit extension", [] {
         return mint(tenant_claims(), header([](MintOptions& o) { o.extra_header_json = R"({"crit":["x-new"],"x-new":1})"; }));
       }, ErrorCode::unknown_crit},
      {"claims not JSON", [] { return mint_raw("not json"); }, ErrorCode::invalid_json},
      {"duplicate claim", [] { return mint_raw(R"({"exp":1700003600,"exp":1700003600})"); },
       ErrorCode::duplicate_member},
      {"missing scope", [] { return mint(tenant_claims()); }, ErrorCode::missing_scope,
       [](Policy& p) { p.required_scopes = {"admin"}; }},
      {"wrong grant type", [] {
         Auth0Claims c = tenant_claims();
         c.gty = "password";
         return mint(c);
       }, ErrorCode::gty_mismatch, [](Policy& p) { p.required_gty = "client-credentials"; }},
      {"typ not allowed", [] { return mint(tenant_claims()); }, ErrorCode::typ_mismatch,
       [](Policy& p) { p.typ_allowlist = {"at+jwt"}; }},
  };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(minted_tokens)

BOOST_AUTO_TEST_CASE(keys_of_every_family_verify_through_their_exported_jwks) {
  std::vector<SigningKey> keys;
  for (Alg alg : {Alg::RS256, Alg::PS384, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA}) {
    auto key = SigningKey::generate(alg, "kid-" + std::string(alg_name(alg)));
    BOOST_REQUIRE(key.ok());
    keys.push_back(*key);
  }
  const Verifier verifier = verifier_for(keys);
  for (const SigningKey& key : keys) {
    BOOST_TEST_CONTEXT(alg_name(key.alg())) {
      const auto verified = verifier.verify(signed_by(key, tenant_claims()));
      BOOST_TEST(verified.ok(), (verified ? std::string() : verified.error().message));
      if (verified) BOOST_TEST(verified->alg() == alg_name(key.alg()));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_well_formed_token_passes_so_each_refusal_below_is_its_breakage) {
  BOOST_TEST(verifier_for({tenant_key()}).verify(mint(tenant_claims())).ok());
}

BOOST_AUTO_TEST_CASE(each_broken_kind_is_refused_with_its_code) {
  for (const BrokenToken& broken : broken_tokens()) {
    BOOST_TEST_CONTEXT(broken.name) {
      Policy policy;
      broken.policy(policy);
      const Verifier verifier = verifier_for({tenant_key()}, policy);
      const std::string token = broken.mint();
      const auto verified = verifier.verify(token);
      BOOST_TEST_REQUIRE(!verified.ok());
      BOOST_TEST(verified.error().code == broken.refused_with, verified.error().message);
      // The inspection path agrees: the same code is among the report's errors.
      const Report report = verifier.check(token);
      BOOST_TEST(!report.valid);
      bool listed = false;
      for (const Error& error : report.errors) listed = listed || error.code == broken.refused_with;
      BOOST_TEST(listed);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
