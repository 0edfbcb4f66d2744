// Splitting a compact JWS (RFC 7515 §7.1) into its three base64url segments, without decoding.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include <string_view>

namespace jwtcheck::detail {

/// The segments of a compact JWS; views into the token.
struct CompactJws {
  std::string_view header_b64;
  std::string_view payload_b64;    ///< may be empty here (RFC 7515 allows it); claims decoding refuses it
  std::string_view signature_b64;  ///< never empty
  std::string_view signing_input;  ///< header_b64 + '.' + payload_b64: what the signature covers
};

/// Splits `token`. Errors: token_too_large, encrypted_token (five segments: a JWE),
/// malformed_token (other segment counts, empty header or signature).
Result<CompactJws> split_compact_jws(std::string_view token, const Limits& limits);

}  // namespace jwtcheck::detail
