// The "ath" of RFC 9449 §4.2: base64url(SHA-256(the access token's ASCII bytes)).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// base64url(SHA-256(access_token)), through EVP; nullopt if hashing fails.
std::optional<std::string> access_token_hash(std::string_view access_token);

}  // namespace jwtcheck::detail
