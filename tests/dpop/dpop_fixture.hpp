// Shared pieces of the dpop suite: proofs signed with the shared test keys (plain OpenSSL, not
// jwtcheck's code), a DpopVerifier with its clock pinned at kNow, and one request they match.
#pragma once

#include <jwtcheck/dpop.hpp>

#include "support/test_keys.hpp"
#include "verify/verify_fixture.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::test {

inline constexpr std::string_view kAccessToken = "an-access-token.made-of.base64url";
inline constexpr std::string_view kMethod = "POST";
inline constexpr std::string_view kUrl = "https://api.example.com/v1/reports";

/// jti, htm, htu, iat (kNow) and ath (of kAccessToken): what a proof for request() carries.
ClaimsJson proof_claims(std::string_view jti = "jti-0001");
/// {"typ":typ,"alg":alg_name,"jwk":jwk_json}; an empty typ leaves typ out.
std::string proof_header(std::string_view alg_name, std::string_view jwk_json, std::string_view typ = "dpop+jwt");
/// A proof signed by `key` as `alg` over proof_header(alg, key.public_jwk) and `claims`.
std::string make_proof(const TestKey& key, Alg alg, const ClaimsJson& claims = proof_claims());
/// As make_proof, with the header given whole.
std::string make_proof(const TestKey& key, Alg alg, std::string_view header_json, const ClaimsJson& claims);
/// The request a make_proof() proof was made for, carrying `proof`.
DpopRequest request(std::string_view proof);
/// base64url(SHA-256(text)), computed here with OpenSSL (independently of the library).
std::string sha256_b64url(std::string_view text);
/// RFC 7638 thumbprint of a test key (its public JWK parsed by parse_jwk).
std::string jkt_of(const TestKey& key);
/// A DpopVerifier whose clock is pinned at kNow (unless `options` has a clock).
DpopVerifier make_dpop_verifier(DpopOptions options = {});
/// The error code of `result`'s failure, by name ("ok" when it passed), for readable asserts.
template <class T>
std::string code_of(const Result<T>& result) {
  return result.ok() ? std::string("ok") : std::string(code_name(result.error().code));
}

}  // namespace jwtcheck::test
