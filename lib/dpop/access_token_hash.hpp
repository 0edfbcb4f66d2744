// The "ath" of RFC 9449 §4.2: base64url(SHA-256(the access token's ASCII bytes)).
#pragma once

#include <openssl/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// base64url(SHA-256(access_token)), through EVP with `sha256` (a fetched SHA-256; null: the
/// default context's); nullopt if hashing fails.
std::optional<std::string> access_token_hash(std::string_view access_token, const EVP_MD* sha256 = nullptr);

}  // namespace jwtcheck::detail
