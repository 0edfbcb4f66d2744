// The claims of a DPoP proof (RFC 9449 §4.2) against the request that carried it (§4.3):
// jti, htm, htu, iat, nonce and ath. Each failure has its own code.
#pragma once

#include <jwtcheck/error.hpp>

#include "json/object_scan.hpp"

#include <openssl/types.h>

#include <cstdint>
#include <string_view>

namespace jwtcheck::detail {

/// The proof's jti: a non-empty string. Errors: dpop_proof_malformed.
Result<std::string_view> proof_jti(const ObjectScan& payload);

/// htm is exactly `method` (HTTP methods are case-sensitive). Errors: dpop_htm_mismatch.
Result<void> check_htm(const ObjectScan& payload, std::string_view method);

/// htu is `url` once both are normalised without query and fragment (dpop/htu.hpp).
/// Errors: dpop_htu_mismatch.
Result<void> check_htu(const ObjectScan& payload, std::string_view url);

/// iat is a number within [now - window, now + window]; returns it, truncated.
/// Errors: dpop_iat_invalid.
Result<std::int64_t> check_iat(const ObjectScan& payload, std::int64_t now, std::int64_t window);

/// When `expected` is not empty, nonce is exactly it; when it is empty and `required`, every
/// proof is refused (the server must hand out a nonce first). Errors: dpop_nonce_mismatch.
Result<void> check_nonce(const ObjectScan& payload, std::string_view expected, bool required);

/// ath is base64url(SHA-256(access_token)), hashed with `sha256` (fetched by the caller).
/// Errors: dpop_ath_mismatch (absent included).
Result<void> check_ath(const ObjectScan& payload, std::string_view access_token, const EVP_MD* sha256);

}  // namespace jwtcheck::detail
