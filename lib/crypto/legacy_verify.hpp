// ES* verification on OpenSSL's low-level EC_KEY call (deprecated in 3.0, kept on purpose): the
// same arithmetic as EVP_PKEY_verify without the provider dispatch, about 0.3-0.4 µs less per
// verify here. The key's legacy view is taken once, when it is prepared. (RS* verifies on
// crypto/rsa_pkcs1_verifier, which allocates nothing.)
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"

#include <span>

namespace jwtcheck::detail {

/// Sets key.legacy_ec from key.pkey (EC keys); leaves it null when OpenSSL has no legacy view,
/// and verification then stays on EVP.
void attach_legacy_key(KeyData& key) noexcept;

/// ES*: ECDSA_verify of the DER signature over `hash`, with key.legacy_ec, which must be set.
bool legacy_ecdsa_verify(const KeyData& key, std::span<const unsigned char> hash,
                         std::span<const unsigned char> der) noexcept;

}  // namespace jwtcheck::detail
