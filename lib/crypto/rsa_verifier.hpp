// RS* and PS* verification (RFC 8017 §8.2.2 and §8.1.2) on OpenSSL's bignum arithmetic. The
// key's modulus, exponent and Montgomery context are prepared once, when the key is built, and
// each thread keeps one BN_CTX, so a warm verify allocates nothing. (OpenSSL 3.0's RSA_verify
// makes 12 allocations per call, its EVP PSS verify 21, for the same s^e mod n: BN_mod_exp_mont,
// as OpenSSL's own RSA public operation.)
//
// The recovered block is then checked by crypto/rsa_pkcs1_encoding (encode and compare) or
// crypto/rsa_pss_encoding (EMSA-PSS-VERIFY with the JWS parameters).
#pragma once

#include <jwtcheck/alg.hpp>

#include "openssl_handles.hpp"

#include <cstddef>
#include <memory>
#include <span>

namespace jwtcheck::detail {

class RsaVerifier {
 public:
  /// The largest modulus handled here, in bytes (16384 bits, Limits' largest RSA key).
  static constexpr std::size_t kMaxModulusBytes = 2048;

  /// Prepared for the RSA public key in `pkey`; null when it is not an RSA key, its modulus is
  /// even, not above e, or over kMaxModulusBytes, or OpenSSL fails: the caller then verifies
  /// through EVP (crypto/thread_verifiers).
  static std::unique_ptr<RsaVerifier> create(const EVP_PKEY* pkey) noexcept;

  /// True when `signature` (exactly the modulus' length) is a valid signature of `hash`, the
  /// digest of the signing input by `alg`'s SHA-2: RSASSA-PKCS1-v1_5 for RS*, RSASSA-PSS with
  /// MGF1 of the same hash and a salt as long as the hash for PS* (RFC 7518 §3.3, §3.5). False
  /// for any other alg. Safe to call from many threads at once.
  bool verify(Alg alg, std::span<const unsigned char> hash, std::span<const unsigned char> signature) const noexcept;

  std::size_t modulus_bytes() const noexcept { return modulus_bytes_; }
  std::size_t modulus_bits() const noexcept { return modulus_bits_; }

  RsaVerifier(const RsaVerifier&) = delete;
  RsaVerifier& operator=(const RsaVerifier&) = delete;
  ~RsaVerifier();

 private:
  RsaVerifier() = default;

  // RSAVP1 (RFC 8017 §5.2.2): s^e mod n as modulus_bytes_ bytes in `block`; false when the
  // signature, as an integer, is not below n, or OpenSSL fails.
  bool recover(std::span<const unsigned char> signature, std::span<unsigned char> block) const noexcept;

  BignumPtr modulus_;
  BignumPtr exponent_;
  MontCtxPtr montgomery_;  // for modulus_; only read once built, so threads share it
  std::size_t modulus_bytes_ = 0;
  std::size_t modulus_bits_ = 0;
};

}  // namespace jwtcheck::detail
