// ES* verification on OpenSSL's low-level EC_KEY call (deprecated in 3.0, kept on purpose): the
// same arithmetic as EVP_PKEY_verify without the provider dispatch or a DER signature, about
// 2 µs less per verify here. The key's legacy view is taken once, when it is prepared. (RS* and
// PS* verify on crypto/rsa_verifier.)
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"

#include <span>

namespace jwtcheck::detail {

/// Sets key.legacy_ec from key.pkey (EC keys); leaves it null when OpenSSL has no legacy view,
/// and verification then stays on EVP.
void attach_legacy_key(KeyData& key) noexcept;

/// ES*: ECDSA_do_verify of the JWS signature r||s (RFC 7518 §3.4: two halves of the curve
/// order's byte length; any other size is refused) over `hash`, with key.legacy_ec, which must be set. r and s are read
/// into this thread's ECDSA_SIG, so no DER is written, parsed or re-encoded (ECDSA_verify makes
/// 14 allocations for that alone); OpenSSL refuses r or s outside [1, n-1].
bool legacy_ecdsa_verify(const KeyData& key, std::span<const unsigned char> hash,
                         std::span<const unsigned char> raw_signature) noexcept;

}  // namespace jwtcheck::detail
