#include "verify/signature_bytes.hpp"

#include "base64url.hpp"

#include <string>

namespace jwtcheck::detail {

Result<std::span<const unsigned char>> decode_signature(std::string_view encoded, SignatureBuffer& buffer) {
  const auto size = base64url_decoded_size(encoded.size());
  if (size && *size > buffer.size())
    return Error{ErrorCode::bad_signature, "signature: " + std::to_string(*size) + " bytes, longer than any " +
                                               "supported key's signature (" + std::to_string(buffer.size()) + ")"};
  const auto written = size ? base64url_decode(encoded, buffer) : std::nullopt;
  if (!written)
    return Error{ErrorCode::malformed_token,
                 "signature: not strict base64url (no padding, no whitespace, alphabet A-Z a-z 0-9 - _)"};
  return std::span<const unsigned char>(buffer.data(), *written);
}

}  // namespace jwtcheck::detail
