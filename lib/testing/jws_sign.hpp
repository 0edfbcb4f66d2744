// Producing JWS signatures (RFC 7515 / RFC 7518 §3, RFC 8037) with OpenSSL 3 EVP: the signing
// twin of lib/crypto, written independently of it so each can check the other.
#pragma once

#include <jwtcheck/alg.hpp>

#include "testing/signing_key_data.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::testing::detail {

/// The raw JWS signature of `signing_input` for `alg` (ECDSA as r||s, RSASSA-PSS with salt = hash
/// length). An HS alg on an asymmetric key uses its SPKI PEM as the HMAC secret (the key-confusion
/// attack). Empty when the key cannot produce `alg` (e.g. ES256 from an RSA key) or OpenSSL fails.
std::string sign_jws(const SigningKeyData& key, Alg alg, std::string_view signing_input);

/// SubjectPublicKeyInfo PEM of an asymmetric key; empty for HS.
std::string spki_pem(const SigningKeyData& key);

}  // namespace jwtcheck::testing::detail
