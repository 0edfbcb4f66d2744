#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/legacy_verify.hpp"

#include "crypto/alg_traits.hpp"

#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>

namespace jwtcheck::detail {

namespace {

int digest_nid(Alg alg) noexcept {
  switch (alg_hash_bytes(alg)) {
    case 32: return NID_sha256;
    case 48: return NID_sha384;
    case 64: return NID_sha512;
    default: return NID_undef;
  }
}

}  // namespace

void attach_legacy_key(KeyData& key) noexcept {
  if (!key.pkey) return;
  // Each get0 builds OpenSSL's legacy view once and caches it inside the EVP_PKEY; here that
  // happens while the key is still private to the thread building it.
  if (key.type == KeyType::rsa) key.legacy_rsa = EVP_PKEY_get0_RSA(key.pkey.get());
  if (key.type == KeyType::ec) key.legacy_ec = EVP_PKEY_get0_EC_KEY(key.pkey.get());
}

bool legacy_rsa_pkcs1_verify(const KeyData& key, Alg alg, std::span<const unsigned char> hash,
                             std::span<const unsigned char> signature) noexcept {
  const int nid = digest_nid(alg);
  // RSA_verify re-encodes the DigestInfo and compares it whole: no lax parsing of the padding.
  return nid != NID_undef &&
         RSA_verify(nid, hash.data(), static_cast<unsigned>(hash.size()), signature.data(),
                    static_cast<unsigned>(signature.size()), const_cast<RSA*>(key.legacy_rsa)) == 1;
}

bool legacy_ecdsa_verify(const KeyData& key, std::span<const unsigned char> hash,
                         std::span<const unsigned char> der) noexcept {
  // Verification only reads the key; the const_cast is for the pre-3.0 signature of the call.
  return ECDSA_verify(0, hash.data(), static_cast<int>(hash.size()), der.data(), static_cast<int>(der.size()),
                      const_cast<EC_KEY*>(key.legacy_ec)) == 1;
}

}  // namespace jwtcheck::detail
