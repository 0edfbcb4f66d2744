#include "fixture.hpp"

#include <jwtcheck/key.hpp>
#include <jwtcheck/testing/mint.hpp>

#include "base64url.hpp"

#include <cstdio>
#include <cstdlib>

namespace bench {
namespace {

template <class T>
T need(jwtcheck::Result<T> result, const std::string& what) {
  if (!result) fail(what + ": " + std::string(jwtcheck::code_name(result.error().code)) + ": " + result.error().message);
  return std::move(result).value();
}

jwtcheck::testing::Auth0Claims claims_for(const ExpectedClaims& e, std::string extra_json = {}) {
  jwtcheck::testing::Auth0Claims c;
  c.issuer = e.issuer;
  c.client_id = e.client_id;
  c.audiences = {e.audience};
  c.scope = "read:reports write:reports";
  c.extra_claims_json = std::move(extra_json);
  return c;
}

Sample split(std::string token) {
  Sample s;
  const auto last_dot = token.rfind('.');
  s.signing_input = token.substr(0, last_dot);
  const auto sig = jwtcheck::detail::base64url_decode(std::string_view(token).substr(last_dot + 1));
  if (!sig) fail("minted token has a signature that is not base64url: " + token);
  s.signature.assign(sig->begin(), sig->end());
  s.token = std::move(token);
  return s;
}

Sample with_signature(const Sample& base, std::vector<unsigned char> signature) {
  const auto encoded = jwtcheck::detail::base64url_encode(signature);
  return split(base.signing_input + "." + encoded);
}

Samples make_samples(const jwtcheck::testing::SigningKey& signer, const ExpectedClaims& expected) {
  Samples s;
  s.valid = split(need(jwtcheck::testing::mint_token(signer, claims_for(expected).to_json()), "mint valid token"));

  auto flipped = s.valid.signature;
  flipped[flipped.size() / 2] ^= 0x01;
  s.tampered_signature = with_signature(s.valid, flipped);

  // Same header, claims granting another scope, the valid token's signature.
  auto other = claims_for(expected, R"({"scope":"read:reports write:reports admin:all"})");
  const auto other_token = split(need(jwtcheck::testing::mint_token(signer, other.to_json()), "mint other token"));
  const auto header = s.valid.signing_input.substr(0, s.valid.signing_input.find('.'));
  const auto claims = other_token.signing_input.substr(other_token.signing_input.find('.') + 1);
  s.tampered_claims = split(header + "." + claims + "." + jwtcheck::detail::base64url_encode(s.valid.signature));
  return s;
}

jwtcheck::Key key_with_kid(const jwtcheck::testing::SigningKey& filler, const std::string& kid) {
  if (jwtcheck::is_hmac(filler.alg())) return need(jwtcheck::hmac_key(filler.hmac_secret(), filler.alg(), kid), "hmac key");
  std::string jwk = filler.public_jwk_json();
  const std::string old_kid = "\"kid\":\"" + std::string(filler.kid()) + "\"";
  const auto at = jwk.find(old_kid);
  if (at == std::string::npos) fail("filler JWK has no kid member: " + jwk);
  jwk.replace(at, old_kid.size(), "\"kid\":\"" + kid + "\"");
  return need(jwtcheck::parse_jwk(jwk), "parse filler JWK");
}

// 99 keys of the same type that differ in kid (copies of one generated key: generating 99 RSA keys
// would take seconds and lookup cost does not depend on the key material), signer in the middle.
jwtcheck::KeySet hundred_key_set(jwtcheck::Alg alg, const jwtcheck::Key& signer_key) {
  const auto filler = need(jwtcheck::testing::SigningKey::generate(alg, "filler"), "generate filler key");
  std::vector<jwtcheck::Key> keys;
  for (int i = 0; i < 100; ++i) {
    if (i == 50) {
      keys.push_back(signer_key);
      continue;
    }
    char kid[32];
    std::snprintf(kid, sizeof kid, "filler-%02d-%s", i, std::string(jwtcheck::alg_name(alg)).c_str());
    keys.push_back(key_with_kid(filler, kid));
  }
  return jwtcheck::KeySet(std::move(keys));
}

jwtcheck::Policy server_policy(jwtcheck::Alg alg, const ExpectedClaims& e) {
  jwtcheck::Policy p;
  p.issuer = e.issuer;
  p.audiences = {e.audience};
  p.subject_suffix = "@clients";
  p.check_azp_matches_subject = true;
  p.required_gty = e.gty;
  p.algorithms = {alg};
  p.leeway = std::chrono::seconds(e.leeway_seconds);
  p.require_exp = true;
  p.require_iat = true;
  p.required_scopes = {e.required_scope};
  return p;
}

}  // namespace

void fail(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::exit(2);
}

AlgFixture make_fixture(jwtcheck::Alg alg, std::size_t distinct_tokens) {
  const std::string name(jwtcheck::alg_name(alg));
  auto signer = need(jwtcheck::testing::SigningKey::generate(alg, "bench-signer-" + name), "generate " + name + " key");
  const auto signer_key = need(signer.verification_key(), "verification key");
  AlgFixture f{alg, ExpectedClaims{}, signer, signer.public_pem(), std::string(signer.hmac_secret()),
               Samples{}, jwtcheck::Policy{}, jwtcheck::KeySet({signer_key}), hundred_key_set(alg, signer_key), {}, Sample{}};
  f.samples = make_samples(signer, f.expected);
  f.policy = server_policy(alg, f.expected);
  auto many = claims_for(f.expected);
  many.scope.clear();
  for (int i = 0; i < 19; ++i) many.scope += "read:scope-" + std::to_string(i) + " ";
  many.scope += f.expected.required_scope;
  f.many_scopes = split(need(jwtcheck::testing::mint_token(signer, many.to_json()), "mint many-scopes token"));
  for (std::size_t i = 0; i < distinct_tokens; ++i) {
    const auto claims = claims_for(f.expected, "{\"jti\":\"bench-" + std::to_string(i) + "\"}");
    f.distinct_tokens.push_back(need(jwtcheck::testing::mint_token(signer, claims.to_json()), "mint distinct token"));
  }
  return f;
}

}  // namespace bench
