// The OpenSSL algorithms one Verifier uses, fetched once from the library context and property
// query the application chose (VerifierOptions), so that a FIPS or any other provider set-up
// governs every verification. Fetching happens at Verifier::create: a query no loaded provider
// satisfies is an error there, never later at verify().
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>

#include "openssl_handles.hpp"

#include <array>
#include <memory>
#include <span>
#include <string>

namespace jwtcheck::detail {

class OpensslAlgorithms {
 public:
  /// Fetches, from `libctx` (null: OpenSSL's default context) with `properties`, the digest,
  /// signature scheme or MAC behind each of `algs`. Errors: invalid_policy naming the algorithm
  /// that no loaded provider offers under that query.
  static Result<std::shared_ptr<const OpensslAlgorithms>> fetch(OSSL_LIB_CTX* libctx, std::string properties,
                                                                std::span<const Alg> algs);

  /// Every alg from OpenSSL's default context with no property query (for one-shot uses:
  /// the JWS vector tests, key preparation outside a Verifier). Fetched once per process.
  static const OpensslAlgorithms& process_default();

  OSSL_LIB_CTX* libctx() const noexcept { return libctx_; }
  /// The property query, or nullptr when there is none (as OpenSSL's *_ex calls take it).
  const char* properties() const noexcept { return properties_.empty() ? nullptr : properties_.c_str(); }
  /// The fetched SHA-2 digest of `alg`; null for EdDSA (no separate hash) or an alg not fetched.
  const EVP_MD* digest(Alg alg) const noexcept;
  /// The fetched HMAC; null unless an HS* alg was fetched.
  EVP_MAC* hmac() const noexcept { return hmac_.get(); }
  /// True when `alg` was among those fetched.
  bool fetched(Alg alg) const noexcept;

 private:
  OSSL_LIB_CTX* libctx_ = nullptr;
  std::string properties_;
  std::array<MdPtr, 3> sha2_;  // SHA-256, SHA-384, SHA-512
  MacPtr hmac_;
  std::uint32_t fetched_ = 0;  // bit per Alg
};

}  // namespace jwtcheck::detail
