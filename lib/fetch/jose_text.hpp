// The text pieces of the JWTs a client makes (client assertions, DPoP proofs): base64url without
// padding (RFC 7515 §2), JSON string quoting, and random unique ids (jti).
#pragma once

#include <jwtcheck/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// base64url of `bytes`, without padding.
std::string base64url_text(std::string_view bytes);
/// `value` as a JSON string literal, quotes included (", \ and control characters escaped).
std::string json_quoted(std::string_view value);
/// 128 random bits from OpenSSL's CSPRNG, base64url (22 characters). Errors: invalid_key when
/// the generator is not seeded.
Result<std::string> random_jti();
/// Seconds since the Unix epoch, now.
std::int64_t unix_seconds_now();

}  // namespace jwtcheck::detail
