#include "expect/expect_fixture.hpp"

#include <jwtcheck/key_set.hpp>

#include <boost/test/unit_test.hpp>

#include <array>

namespace jwtcheck::testing::expect_test {

const SigningKey& tenant_key() {
  static const SigningKey key = [] {
    auto generated = SigningKey::generate(Alg::RS256, "tenant-key");
    BOOST_REQUIRE_MESSAGE(generated.ok(), "RSA key generation failed");
    return *generated;
  }();
  return key;
}

Auth0Claims tenant_claims() {
  Auth0Claims claims;
  claims.issuer = issuer;
  claims.client_id = client_id;
  claims.audiences = {audience};
  claims.scope = "read:reports write:reports";
  claims.issued_at = now;
  claims.lifetime_seconds = 3600;
  return claims;
}

std::string mint(const Auth0Claims& claims, const MintOptions& options) {
  auto json = claims.to_json_checked();
  BOOST_REQUIRE_MESSAGE(json.ok(), "bad test claims: " << (json ? std::string() : json.error().message));
  return mint_raw(*json, options);
}

std::string mint_raw(const std::string& claims_json, const MintOptions& options) {
  auto token = mint_token(tenant_key(), claims_json, options);
  BOOST_REQUIRE_MESSAGE(token.ok(), "minting failed: " << (token ? std::string() : token.error().message));
  return *token;
}

Verifier tenant_verifier(Policy policy) {
  if (policy.issuer.empty()) policy.issuer = issuer;
  if (policy.audiences.empty()) policy.audiences = {audience};
  VerifierOptions options;
  options.clock = [] { return now; };
  const std::array<SigningKey, 1> keys{tenant_key()};
  auto jwks = parse_jwks(jwks_json(keys));
  BOOST_REQUIRE_MESSAGE(jwks.ok() && jwks->skipped.empty(), "the tenant JWKS does not parse");
  auto verifier = Verifier::create(std::move(policy), std::move(jwks->keys), std::move(options));
  BOOST_REQUIRE_MESSAGE(verifier.ok(), "verifier: " << (verifier ? std::string() : verifier.error().message));
  return std::move(*verifier);
}

}  // namespace jwtcheck::testing::expect_test
