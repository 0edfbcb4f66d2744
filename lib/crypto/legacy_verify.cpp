#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/legacy_verify.hpp"

#include <openssl/ec.h>
#include <openssl/ecdsa.h>

#include <memory>

namespace jwtcheck::detail {

namespace {

using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG_free>>;

EcdsaSigPtr make_signature() noexcept {
  EcdsaSigPtr made(ECDSA_SIG_new());
  BignumPtr r(BN_new());
  BignumPtr s(BN_new());
  if (!made || !r || !s || ECDSA_SIG_set0(made.get(), r.get(), s.get()) != 1) return nullptr;
  (void)r.release();  // owned by the signature now
  (void)s.release();
  return made;
}

// This thread's signature value: r and s are overwritten by each verify. They hold public
// values only. Made again on the next call if making it failed (out of memory).
ECDSA_SIG* thread_signature() noexcept {
  thread_local EcdsaSigPtr sig;
  if (!sig) sig = make_signature();
  return sig.get();
}

}  // namespace

void attach_legacy_key(KeyData& key) noexcept {
  if (!key.pkey) return;
  // get0 builds OpenSSL's legacy view once and caches it inside the EVP_PKEY; here that
  // happens while the key is still private to the thread building it.
  if (key.type == KeyType::ec) key.legacy_ec = EVP_PKEY_get0_EC_KEY(key.pkey.get());
}

bool legacy_ecdsa_verify(const KeyData& key, std::span<const unsigned char> hash,
                         std::span<const unsigned char> raw_signature) noexcept {
  // Two halves of the order's length (RFC 7518 §3.4); the caller has checked this too.
  const auto order_bytes = static_cast<std::size_t>(
      (EC_GROUP_order_bits(EC_KEY_get0_group(key.legacy_ec)) + 7) / 8);
  if (raw_signature.size() != 2 * order_bytes) return false;
  ECDSA_SIG* sig = thread_signature();
  if (sig == nullptr) return false;
  // The halves go into the BIGNUMs the signature owns (ECDSA_SIG has no setter that keeps
  // them); once they have grown to the curve's size, reading a new value allocates nothing.
  auto* r = const_cast<BIGNUM*>(ECDSA_SIG_get0_r(sig));
  auto* s = const_cast<BIGNUM*>(ECDSA_SIG_get0_s(sig));
  const std::size_t half = raw_signature.size() / 2;
  if (BN_bin2bn(raw_signature.data(), static_cast<int>(half), r) == nullptr ||
      BN_bin2bn(raw_signature.data() + half, static_cast<int>(half), s) == nullptr)
    return false;
  // Verification only reads the key; the const_cast is for the pre-3.0 signature of the call.
  return ECDSA_do_verify(hash.data(), static_cast<int>(hash.size()), sig, const_cast<EC_KEY*>(key.legacy_ec)) == 1;
}

}  // namespace jwtcheck::detail
