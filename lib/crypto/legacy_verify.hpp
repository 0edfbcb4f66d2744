// RS* and ES* verification on OpenSSL's low-level RSA / EC_KEY calls (deprecated in 3.0, kept
// on purpose): the same arithmetic as EVP_PKEY_verify without the provider dispatch, about
// 0.3-0.4 µs less per verify here. The key's legacy view is taken once, when it is prepared.
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"

#include <span>

namespace jwtcheck::detail {

/// Sets key.legacy_rsa / key.legacy_ec from key.pkey (RSA and EC keys); leaves them null when
/// OpenSSL has no legacy view, and verification then stays on EVP.
void attach_legacy_key(KeyData& key) noexcept;

/// RS*: RSA_verify of the PKCS#1 v1.5 signature over `hash` (alg's SHA-2 output), with
/// key.legacy_rsa, which must be set.
bool legacy_rsa_pkcs1_verify(const KeyData& key, Alg alg, std::span<const unsigned char> hash,
                             std::span<const unsigned char> signature) noexcept;

/// ES*: ECDSA_verify of the DER signature over `hash`, with key.legacy_ec, which must be set.
bool legacy_ecdsa_verify(const KeyData& key, std::span<const unsigned char> hash,
                         std::span<const unsigned char> der) noexcept;

}  // namespace jwtcheck::detail
