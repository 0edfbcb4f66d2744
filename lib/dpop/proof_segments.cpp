#include "dpop/proof_segments.hpp"

#include "json/message_quote.hpp"

#include <string>

namespace jwtcheck::detail {

static_assert(proof_header_slot("alg") == header_slot("alg") && proof_header_slot("kid") == header_slot("kid") &&
                  proof_header_slot("typ") == header_slot("typ") && proof_header_slot("cty") == header_slot("cty") &&
                  proof_header_slot("crit") == header_slot("crit") && proof_header_slot("jwk") == kProofJwkSlot,
              "read_jose_header reads the proof header's slots by their numbers");
static_assert(proof_claim_slot("jti") == kJti && proof_claim_slot("htm") == kHtm && proof_claim_slot("htu") == kHtu &&
              proof_claim_slot("iat") == kIat && proof_claim_slot("ath") == kAth && proof_claim_slot("nonce") == kNonce);

namespace {

Error malformed(const Error& cause) {
  return Error{ErrorCode::dpop_proof_malformed, "DPoP proof: " + std::string(code_name(cause.code)) + ": " + cause.message};
}

}  // namespace

Result<void> decode_proof(std::string_view proof, const Limits& limits, ProofSegments& out) {
  auto parts = split_compact_jws(proof, limits);
  if (!parts) return malformed(parts.error());
  out.parts = *parts;
  if (auto r = decode_json_segment(out.parts.header_b64, "header", out.header, limits, proof_header_slot); !r)
    return malformed(r.error());
  if (auto r = decode_json_segment(out.parts.payload_b64, "payload", out.payload, limits, proof_claim_slot); !r)
    return malformed(r.error());
  auto jose = read_jose_header(out.header.scan);
  if (!jose) return malformed(jose.error());
  // RFC 7515 §4.1.11: an extension we do not understand must be refused, and DPoP defines none.
  if (jose->has_crit)
    return Error{ErrorCode::dpop_proof_malformed,
                 "DPoP proof: crit names the extension " + quote_for_message(jose->first_crit) + ", which is not supported"};
  out.jose = *jose;
  return {};
}

}  // namespace jwtcheck::detail
