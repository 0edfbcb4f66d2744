// The key a DPoP proof is signed with: the public "jwk" of its own header (RFC 9449 §4.2), parsed
// by the keys module; the alg it names must be allowed and fit that key, so the proof never
// chooses the kind of key that checks it (no "none", no HMAC, no RS/HS confusion).
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/limits.hpp>

#include "crypto/key_verifier.hpp"
#include "crypto/openssl_algorithms.hpp"
#include "dpop/proof_segments.hpp"
#include "verify/alg_set.hpp"

#include <memory>

namespace jwtcheck::detail {

class ProofKeyCache;

/// The proof's alg and public key, prepared to check its signature.
struct ProofKey {
  Alg alg;
  Key key;               ///< its thumbprint() is the proof's jkt
  KeyVerifier verifier;  ///< `key` prepared for `alg`
};

/// The proof's alg and jwk, prepared to verify: from `cache` when this exact jwk text was
/// prepared for this alg before, else parsed, checked and prepared now, and kept in `cache`.
/// The alg is checked against `allowed` first, either way. Errors: dpop_alg_not_allowed (none,
/// unknown, HS*, outside `allowed`, or not the jwk's key type and curve), dpop_key_invalid (jwk
/// absent, not an object, with private members, of an unsupported or weak kind, marked for
/// another use, or not usable by the configured OpenSSL providers).
Result<std::shared_ptr<const ProofKey>> proof_key(const ProofSegments& proof, const AlgSet& allowed, const Limits& limits,
                                                  const OpensslAlgorithms& algorithms, ProofKeyCache& cache);

/// Verifies the proof's signature with its own key. Errors: dpop_proof_malformed (not
/// base64url), dpop_bad_signature.
Result<void> check_proof_signature(const ProofSegments& proof, const ProofKey& key);

}  // namespace jwtcheck::detail
