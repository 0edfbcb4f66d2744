#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/legacy_verify.hpp"

#include <openssl/ec.h>
#include <openssl/ecdsa.h>

namespace jwtcheck::detail {

void attach_legacy_key(KeyData& key) noexcept {
  if (!key.pkey) return;
  // get0 builds OpenSSL's legacy view once and caches it inside the EVP_PKEY; here that
  // happens while the key is still private to the thread building it.
  if (key.type == KeyType::ec) key.legacy_ec = EVP_PKEY_get0_EC_KEY(key.pkey.get());
}

bool legacy_ecdsa_verify(const KeyData& key, std::span<const unsigned char> hash,
                         std::span<const unsigned char> der) noexcept {
  // Verification only reads the key; the const_cast is for the pre-3.0 signature of the call.
  return ECDSA_verify(0, hash.data(), static_cast<int>(hash.size()), der.data(), static_cast<int>(der.size()),
                      const_cast<EC_KEY*>(key.legacy_ec)) == 1;
}

}  // namespace jwtcheck::detail
