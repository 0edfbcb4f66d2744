// RFC 7638 JWK thumbprints: base64url(SHA-256) of the required members, sorted, no whitespace.
#pragma once

#include "keys/public_key.hpp"

#include <string>

namespace jwtcheck::detail {

/// The canonical JSON RFC 7638 §3.2 hashes, e.g. {"e":"AQAB","kty":"RSA","n":"..."}.
std::string thumbprint_input(const PublicComponents& components);

/// base64url(SHA-256(thumbprint_input(components))); empty if hashing fails.
std::string jwk_thumbprint(const PublicComponents& components);

}  // namespace jwtcheck::detail
