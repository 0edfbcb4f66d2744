// jwtcheck — size and depth limits applied to every untrusted input.
#pragma once

#include <cstddef>

namespace jwtcheck {

/// The most JSON nesting any parser follows, whatever Limits::max_json_depth says: JSON is read by
/// a reader that recurses once per level, so the stack bounds the depth. A Verifier refuses a
/// policy above it (ErrorCode::invalid_policy); the parsing functions stop at it.
inline constexpr std::size_t max_json_depth_ceiling = 1000;

/// Every limit gives its own error when exceeded. Defaults suit Auth0-style tenants.
struct Limits {
  std::size_t max_token_bytes = 16 * 1024;     ///< whole compact token (ErrorCode::token_too_large)
  std::size_t max_json_depth = 16;             ///< nesting in header/claims/JWKS (ErrorCode::json_too_deep); at most max_json_depth_ceiling
  std::size_t max_jwks_bytes = 512 * 1024;     ///< one JWKS document (ErrorCode::invalid_jwks)
  std::size_t max_jwks_keys = 256;             ///< keys in one JWKS (ErrorCode::too_many_keys)
  unsigned min_rsa_bits = 2048;                ///< smaller RSA keys are refused (weak_key); never below 2048
  unsigned max_rsa_bits = 16384;               ///< larger RSA keys are refused (ErrorCode::unsupported_key)
  std::size_t max_audiences = 64;              ///< entries in an "aud" array (ErrorCode::invalid_claim)
  std::size_t max_scopes = 1024;               ///< scopes + scp + permissions entries (ErrorCode::invalid_claim)
};

}  // namespace jwtcheck
