// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) for RS256/RS384/RS512 on OpenSSL's bignum
// arithmetic. The key's modulus, exponent and Montgomery context are prepared once, when the
// key is built; each thread keeps one BN_CTX. So a warm verify allocates nothing, where
// OpenSSL 3.0's RSA_verify makes 12 allocations per call (a BN_CTX and its pool, the decrypted
// block, the DigestInfo it encodes) for the same s^e mod n (BN_mod_exp_mont, as OpenSSL's RSA
// public operation does).
//
// The padding is checked as the RFC says, by encoding and comparing: every byte of the
// recovered block must equal 0x00 0x01 0xff..0xff 0x00 || DigestInfo(hash) || hash. Nothing
// is parsed, so no lax ASN.1 (a missing NULL, extra bytes, a long length) can get through.
#pragma once

#include <jwtcheck/alg.hpp>

#include "openssl_handles.hpp"

#include <cstddef>
#include <memory>
#include <span>

namespace jwtcheck::detail {

class RsaPkcs1Verifier {
 public:
  /// The largest modulus handled here, in bytes (16384 bits, Limits' largest RSA key).
  static constexpr std::size_t kMaxModulusBytes = 2048;

  /// Prepared for the RSA public key in `pkey`; null when it is not an RSA key, its modulus is
  /// even or over kMaxModulusBytes, or OpenSSL fails (the caller then verifies through EVP).
  static std::unique_ptr<RsaPkcs1Verifier> create(const EVP_PKEY* pkey) noexcept;

  /// True when `signature` (exactly the modulus' length) is a valid RSASSA-PKCS1-v1_5 signature
  /// of `hash`, the digest of the signing input by `alg`'s SHA-2 (RS256/RS384/RS512 only).
  /// Safe to call from many threads at once.
  bool verify(Alg alg, std::span<const unsigned char> hash, std::span<const unsigned char> signature) const noexcept;

  std::size_t modulus_bytes() const noexcept { return modulus_bytes_; }

  RsaPkcs1Verifier(const RsaPkcs1Verifier&) = delete;
  RsaPkcs1Verifier& operator=(const RsaPkcs1Verifier&) = delete;
  ~RsaPkcs1Verifier();

 private:
  RsaPkcs1Verifier() = default;

  BignumPtr modulus_;
  BignumPtr exponent_;
  MontCtxPtr montgomery_;  // for modulus_; only read once built, so threads share it
  std::size_t modulus_bytes_ = 0;
};

}  // namespace jwtcheck::detail
