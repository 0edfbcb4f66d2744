// Signature verification per JWS algorithm family, over OpenSSL 3 EVP. Knows nothing of JWT
// beyond the algorithm names and the signature encodings of RFC 7518 (raw r||s for ECDSA).
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"

#include <span>
#include <string_view>

namespace jwtcheck::detail {

/// True when `signature` is a valid `alg` signature of `signing_input` under `key`.
/// The caller has already checked that the key can verify `alg` (Key::can_verify); this
/// function checks again that the key's type fits and returns false otherwise. HMAC tags are
/// compared in constant time. Never throws; leaves the OpenSSL error queue empty.
bool verify_signature(const KeyData& key, Alg alg, std::string_view signing_input,
                      std::span<const unsigned char> signature) noexcept;

/// Prepares, once, the per-algorithm state verify_signature copies on each call (a digest
/// context after EVP_DigestVerifyInit, or a keyed HMAC context) for every alg the key may
/// verify. Called by the keys module when it builds a key; a KeyData without this state still
/// verifies, only slower. Leaves the OpenSSL error queue empty.
void prepare_verification(KeyData& key) noexcept;

}  // namespace jwtcheck::detail
