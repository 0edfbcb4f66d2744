// Verifies JWS signatures with one key for one alg through OpenSSL's EVP API. The OpenSSL
// context is initialised once, when the KeyVerifier is made (the key, digest, padding and PSS
// parameters set); each verify works on a copy of it, so one KeyVerifier serves many threads.
// Knows nothing of JWT beyond RFC 7518's signature encodings (raw r||s for ECDSA).
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>

#include "crypto/openssl_algorithms.hpp"
#include "keys/key_data.hpp"
#include "openssl_handles.hpp"

#include <span>
#include <string_view>

namespace jwtcheck::detail {

class KeyVerifier {
 public:
  /// Prepares `key` to verify `alg` with `algorithms` (which must have fetched it). The caller
  /// has checked that the key may verify `alg` (key_may_verify). Errors: unsupported_key when
  /// the configured providers cannot use this key. Leaves the OpenSSL error queue empty.
  static Result<KeyVerifier> create(const KeyData& key, Alg alg, const OpensslAlgorithms& algorithms);

  /// True when `signature` is a valid signature of `signing_input`. HMAC tags are compared with
  /// CRYPTO_memcmp. Thread-safe; never throws; leaves the OpenSSL error queue empty.
  bool verify(std::string_view signing_input, std::span<const unsigned char> signature) const noexcept;

  Alg alg() const noexcept { return alg_; }

 private:
  KeyVerifier(Alg alg, MdCtxPtr digest_verify, MacCtxPtr mac, std::size_t signature_size) noexcept
      : alg_(alg), digest_verify_(std::move(digest_verify)), mac_(std::move(mac)), signature_size_(signature_size) {}

  bool verify_signature(std::string_view input, std::span<const unsigned char> signature) const noexcept;
  bool verify_mac(std::string_view input, std::span<const unsigned char> tag) const noexcept;

  Alg alg_;
  MdCtxPtr digest_verify_;      // RS*, PS*, ES*, EdDSA: after EVP_DigestVerifyInit_ex
  MacCtxPtr mac_;               // HS*: keyed with the secret
  std::size_t signature_size_;  // the exact JWS signature size this key makes (RFC 7518 §3)
};

/// One-shot: prepares and verifies in one call (slow; for tests and rare uses). False when the key
/// may not verify `alg` or cannot be prepared.
bool verify_signature_once(const KeyData& key, Alg alg, std::string_view signing_input,
                           std::span<const unsigned char> signature,
                           const OpensslAlgorithms& algorithms = OpensslAlgorithms::process_default()) noexcept;

}  // namespace jwtcheck::detail
