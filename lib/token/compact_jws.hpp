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
  std::string_view signature_b64;  ///< never empty, unless split with SignatureSegment::may_be_empty
  std::string_view signing_input;  ///< header_b64 + '.' + payload_b64: what the signature covers
};

/// Whether an empty signature segment (an unsecured JWS, RFC 7515 §A.5) is a malformed token
/// (everything that verifies) or is split like any other (inspection only).
enum class SignatureSegment { required, may_be_empty };

/// Splits `token`. Errors: token_too_large, encrypted_token (five segments: a JWE),
/// malformed_token (other segment counts, empty header, or empty signature when required).
Result<CompactJws> split_compact_jws(std::string_view token, const Limits& limits,
                                     SignatureSegment signature = SignatureSegment::required);

}  // namespace jwtcheck::detail
