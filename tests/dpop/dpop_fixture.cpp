#include "dpop/dpop_fixture.hpp"

#include "support/token_builder.hpp"

#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>

namespace jwtcheck::test {

ClaimsJson proof_claims(std::string_view jti) {
  ClaimsJson claims;
  claims.set_string("jti", jti)
      .set_string("htm", kMethod)
      .set_string("htu", kUrl)
      .set_number("iat", kNow)
      .set_string("ath", sha256_b64url(kAccessToken));
  return claims;
}

std::string proof_header(std::string_view alg_name, std::string_view jwk_json, std::string_view typ) {
  std::string json = "{";
  if (!typ.empty()) json += "\"typ\":" + quoted(typ) + ",";
  return json + "\"alg\":" + quoted(alg_name) + ",\"jwk\":" + std::string(jwk_json) + "}";
}

std::string make_proof(const TestKey& key, Alg alg, const ClaimsJson& claims) {
  return make_proof(key, alg, proof_header(alg_name(alg), key.public_jwk), claims);
}

std::string make_proof(const TestKey& key, Alg alg, std::string_view header_json, const ClaimsJson& claims) {
  return signed_token(key, alg, header_json, claims.str());
}

DpopRequest request(std::string_view proof) { return DpopRequest{kAccessToken, proof, kMethod, kUrl, {}}; }

std::string sha256_b64url(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  BOOST_REQUIRE(EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) == 1);
  return b64url(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string jkt_of(const TestKey& key) {
  auto parsed = parse_jwk(key.public_jwk);
  BOOST_REQUIRE_MESSAGE(parsed.ok(), "test key JWK: " << (parsed.ok() ? "" : parsed.error().message));
  return std::string(parsed->thumbprint());
}

DpopVerifier make_dpop_verifier(DpopOptions options) {
  if (!options.clock) options.clock = [] { return kNow; };
  auto verifier = DpopVerifier::create(std::move(options));
  BOOST_REQUIRE_MESSAGE(verifier.ok(), "DpopVerifier::create: " << (verifier.ok() ? "" : verifier.error().message));
  return std::move(*verifier);
}

}  // namespace jwtcheck::test
