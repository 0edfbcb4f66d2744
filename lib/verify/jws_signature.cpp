#include "verify/jws_signature.hpp"

#include "base64url.hpp"
#include "json/message_quote.hpp"
#include "token/compact_jws.hpp"
#include "token/jose_header.hpp"
#include "token/scanned_segment.hpp"
#include "verify/jws_alg.hpp"
#include "verify/key_selection.hpp"
#include "verify/signature_bytes.hpp"

#include <memory>

namespace jwtcheck::detail {

Result<const Key*> verify_jws_signature(std::string_view token, const KeySet& keys, const AlgSet& allowed,
                                        const Limits& limits) {
  auto parts = split_compact_jws(token, limits);
  if (!parts) return std::move(parts).error();
  auto header = std::make_unique<HeaderSegment>();
  if (auto r = decode_json_segment(parts->header_b64, "header", *header, limits, header_slot); !r) return r.error();
  auto jose = read_jose_header(header->scan);
  if (!jose) return std::move(jose).error();
  if (jose->has_crit)
    return Error{ErrorCode::unknown_crit, "crit: extension " + quote_for_message(jose->first_crit) + " is not supported"};
  // The payload is not decoded as JSON here, but it must still be strict base64url, as the
  // Verifier's claims decoding requires.
  if (!parts->payload_b64.empty() && !base64url_decode(parts->payload_b64))
    return Error{ErrorCode::malformed_token, "payload: not strict base64url"};
  auto alg = allowed_alg(jose->alg, allowed);
  if (!alg) return std::move(alg).error();
  SignatureBuffer buffer;
  auto signature = decode_signature(parts->signature_b64, buffer);
  if (!signature) return std::move(signature).error();
  // The caller owns `keys`: borrowed for this call (an aliasing pointer with no ownership).
  const PreparedKeySet prepared(std::shared_ptr<const KeySet>(std::shared_ptr<const KeySet>(), &keys), allowed.algs(),
                                OpensslAlgorithms::process_default());
  KeySetInUse in_use{&prepared, nullptr};
  return verify_with_key_set(in_use, UnknownKidRefresh{}, *jose, *alg, parts->signing_input, *signature);
}

}  // namespace jwtcheck::detail
