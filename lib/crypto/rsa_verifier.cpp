#include "crypto/rsa_verifier.hpp"

#include "crypto/alg_traits.hpp"
#include "crypto/rsa_pkcs1_encoding.hpp"
#include "crypto/rsa_pss_encoding.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>

namespace jwtcheck::detail {

namespace {

// The thread's bignum scratch: after its first verify its pool holds enough for any key here.
// Made again on the next call if making it failed (out of memory).
BN_CTX* thread_bn_ctx() noexcept {
  thread_local BnCtxPtr ctx;
  if (!ctx) ctx.reset(BN_CTX_new());
  return ctx.get();
}

}  // namespace

RsaVerifier::~RsaVerifier() = default;

std::unique_ptr<RsaVerifier> RsaVerifier::create(const EVP_PKEY* pkey) noexcept {
  if (pkey == nullptr || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) return nullptr;
  std::unique_ptr<RsaVerifier> v(new (std::nothrow) RsaVerifier);
  if (!v) return nullptr;
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  const bool got_n = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n) == 1;
  v->modulus_.reset(n);
  const bool got_e = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
  v->exponent_.reset(e);
  const BnCtxPtr ctx(BN_CTX_new());
  v->montgomery_.reset(BN_MONT_CTX_new());
  // n > e, as OpenSSL's RSA public operation requires.
  const bool ok = got_n && got_e && ctx && v->montgomery_ && BN_is_odd(n) && BN_ucmp(n, e) > 0 &&
                  static_cast<std::size_t>(BN_num_bytes(n)) <= kMaxModulusBytes &&
                  BN_MONT_CTX_set(v->montgomery_.get(), n, ctx.get()) == 1;
  if (!ok) {
    ERR_clear_error();
    return nullptr;
  }
  v->modulus_bytes_ = static_cast<std::size_t>(BN_num_bytes(n));
  v->modulus_bits_ = static_cast<std::size_t>(BN_num_bits(n));
  return v;
}

bool RsaVerifier::recover(std::span<const unsigned char> signature, std::span<unsigned char> block) const noexcept {
  BN_CTX* ctx = thread_bn_ctx();
  if (ctx == nullptr) return false;
  const int k = static_cast<int>(modulus_bytes_);
  BN_CTX_start(ctx);
  BIGNUM* s = BN_CTX_get(ctx);
  BIGNUM* m = BN_CTX_get(ctx);  // null when either get failed
  const bool ok = m != nullptr && BN_bin2bn(signature.data(), k, s) != nullptr && BN_ucmp(s, modulus_.get()) < 0 &&
                  BN_mod_exp_mont(m, s, exponent_.get(), modulus_.get(), ctx, montgomery_.get()) == 1 &&
                  BN_bn2binpad(m, block.data(), k) == k;
  BN_CTX_end(ctx);
  return ok;
}

bool RsaVerifier::verify(Alg alg, std::span<const unsigned char> hash,
                         std::span<const unsigned char> signature) const noexcept {
  const AlgFamily family = alg_family(alg);
  // RFC 8017 §8.2.2 / §8.1.2 step 1: the signature is exactly k bytes.
  if ((family != AlgFamily::rsa_pkcs1 && family != AlgFamily::rsa_pss) || signature.size() != modulus_bytes_)
    return false;
  std::array<unsigned char, kMaxModulusBytes> storage;
  const std::span<unsigned char> block(storage.data(), modulus_bytes_);
  if (!recover(signature, block)) return false;
  return family == AlgFamily::rsa_pkcs1 ? pkcs1_v1_5_encoding_matches(alg, hash, block)
                                        : pss_encoding_matches(alg, hash, block, modulus_bits_);
}

}  // namespace jwtcheck::detail
