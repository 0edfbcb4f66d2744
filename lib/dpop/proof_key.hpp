// The key a DPoP proof is signed with: the public "jwk" of its own header (RFC 9449 §4.2), parsed
// by the keys module; the alg it names must be allowed and fit that key, so the proof never
// chooses the kind of key that checks it (no "none", no HMAC, no RS/HS confusion).
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/limits.hpp>

#include "crypto/openssl_algorithms.hpp"
#include "dpop/proof_segments.hpp"
#include "verify/alg_set.hpp"

namespace jwtcheck::detail {

struct ProofKey {
  Alg alg;
  Key key;
};

/// The proof's alg and jwk. Errors: dpop_alg_not_allowed (none, unknown, HS*, outside `allowed`,
/// or not the jwk's key type and curve), dpop_key_invalid (jwk absent, not an object, with
/// private members, of an unsupported or weak kind, or marked for another use).
Result<ProofKey> proof_key(const ProofSegments& proof, const AlgSet& allowed, const Limits& limits);

/// Verifies the proof's signature with its own key through the crypto module.
/// Errors: dpop_proof_malformed (not base64url), dpop_bad_signature.
Result<void> check_proof_signature(const ProofSegments& proof, const ProofKey& key, const OpensslAlgorithms& algorithms);

}  // namespace jwtcheck::detail
