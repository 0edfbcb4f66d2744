// One JWK object (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2) to a ready Key.
#pragma once

#include <jwtcheck/key.hpp>

#include <rapidjson/document.h>

namespace jwtcheck::detail {

/// Builds a Key from an already parsed JWK object. Errors: invalid_key (missing/mistyped members,
/// bad base64url, private members, bad numbers), unsupported_key (kty/crv/alg jwtcheck does not
/// verify with, and "oct"), weak_key (RSA below Limits::min_rsa_bits, ROCA).
Result<Key> key_from_jwk(const rapidjson::Value& jwk, const Limits& limits);

/// "string", "number", "object"…, for messages that say what was found.
const char* json_type_name(const rapidjson::Value& value) noexcept;

}  // namespace jwtcheck::detail
