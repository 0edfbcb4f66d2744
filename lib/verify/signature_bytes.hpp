// The signature segment decoded into a fixed buffer on the stack.
#pragma once

#include <jwtcheck/error.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

/// Room for the largest signature jwtcheck can verify: RSA with Limits::max_rsa_bits' default
/// ceiling of 16384 bits is 2048 bytes; ECDSA P-521 is 132, Ed448 114, HS512 64.
inline constexpr std::size_t kMaxSignatureBytes = 2048;
using SignatureBuffer = std::array<unsigned char, kMaxSignatureBytes>;

/// Decodes the signature segment into `buffer`. Errors: malformed_token (not strict base64url),
/// bad_signature (longer than any supported key's signature).
Result<std::span<const unsigned char>> decode_signature(std::string_view encoded, SignatureBuffer& buffer);

}  // namespace jwtcheck::detail
