// A DPoP proof decoded as a compact JWS with the token module's own decoding (split, strict
// base64url, the limited JSON scan, the JOSE header): nothing here is verified yet.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include "json/slot_names.hpp"
#include "token/compact_jws.hpp"
#include "token/jose_header.hpp"
#include "token/scanned_segment.hpp"

#include <cstddef>
#include <string_view>

namespace jwtcheck::detail {

/// The header members a proof's header scan keeps: read_jose_header's, then "jwk".
inline constexpr std::string_view kProofHeaderNames[] = {"alg", "kid", "typ", "cty", "crit", "jwk"};
inline constexpr SlotNames proof_header_slot(kProofHeaderNames);
inline constexpr int kProofJwkSlot = 5;

/// The claims a proof's payload scan keeps (RFC 9449 §4.2), in slot order.
inline constexpr std::string_view kProofClaimNames[] = {"jti", "htm", "htu", "iat", "ath", "nonce"};
inline constexpr SlotNames proof_claim_slot(kProofClaimNames);
enum ProofClaimSlot : int { kJti, kHtm, kHtu, kIat, kAth, kNonce };

/// A decoded proof. Large (the segments' inline buffers) and not movable: allocate it once.
struct ProofSegments {
  CompactJws parts;        ///< views into the proof
  HeaderSegment header;    ///< scanned with proof_header_slot
  ClaimsSegment payload;   ///< scanned with proof_claim_slot
  JoseHeader jose;         ///< alg, typ, kid, crit: views into `header`
};

/// Decodes `proof` into `out`: at most `limits.max_token_bytes`, three segments, header and
/// payload strict base64url of JSON objects (depth, duplicate names, UTF-8 checked), a well-typed
/// JOSE header without "crit". Errors: dpop_proof_malformed, the message saying why.
Result<void> decode_proof(std::string_view proof, const Limits& limits, ProofSegments& out);

}  // namespace jwtcheck::detail
