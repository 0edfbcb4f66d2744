// decode_unverified: the inspection path. It may allocate; it verifies nothing.
#include <jwtcheck/token.hpp>

#include "base64url.hpp"
#include "token/compact_jws.hpp"
#include "token/jose_header.hpp"
#include "token/scanned_segment.hpp"

#include <memory>

namespace jwtcheck {

Result<UnverifiedToken> decode_unverified(std::string_view token, const Limits& limits) {
  // An unsigned token (alg "none", empty signature) is decoded too: inspection shows what any
  // token says; nothing that verifies splits it this way.
  auto parts = detail::split_compact_jws(token, limits, detail::SignatureSegment::may_be_empty);
  if (!parts) return std::move(parts).error();
  // The segments are large objects; keep them off the caller's stack.
  auto header = std::make_unique<detail::HeaderSegment>();
  if (auto r = detail::decode_json_segment(parts->header_b64, "header", *header, limits, detail::header_slot); !r)
    return r.error();
  auto jose = detail::read_jose_header(header->scan);
  if (!jose) return std::move(jose).error();
  auto claims = std::make_unique<detail::ClaimsSegment>();
  if (auto r = detail::decode_json_segment(parts->payload_b64, "claims", *claims, limits, detail::no_slots); !r)
    return r.error();
  const auto signature = parts->signature_b64.empty() ? std::optional<std::string>(std::in_place)
                                                      : detail::base64url_decode(parts->signature_b64);
  if (!signature)
    return Error{ErrorCode::malformed_token, "signature: not strict base64url (no padding, no whitespace, "
                                             "alphabet A-Z a-z 0-9 - _)"};
  UnverifiedToken out;
  out.header_json = std::string(header->text.view());
  out.claims_json = std::string(claims->text.view());
  out.alg = std::string(jose->alg);
  out.kid = std::string(jose->kid);
  out.typ = std::string(jose->typ);
  out.signature_bytes = signature->size();
  return out;
}

}  // namespace jwtcheck
