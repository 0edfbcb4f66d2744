// Public JWKs (RFC 7517/7518, RFC 8037) of signing keys, as a tenant publishes them.
#pragma once

#include <jwtcheck/testing/signing_key.hpp>

#include "testing/signing_key_data.hpp"

#include <span>
#include <string>

namespace jwtcheck::testing::detail {

/// {"kty",...,"kid","alg","use":"sig"}; for HS the oct JWK with "k". "kid" only when non-empty.
std::string public_jwk_json(const SigningKeyData& key);

/// {"keys":[...]} of the keys' public JWKs.
std::string jwks_json(std::span<const SigningKey> keys);

}  // namespace jwtcheck::testing::detail
