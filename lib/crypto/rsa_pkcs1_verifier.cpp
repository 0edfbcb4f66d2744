#include "crypto/rsa_pkcs1_verifier.hpp"

#include "crypto/alg_traits.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>
#include <cstring>

namespace jwtcheck::detail {

namespace {

// The DER of DigestInfo up to the hash value, for each SHA-2 (RFC 8017 §9.2, note 1): the
// algorithm identifier with its NULL parameters, then the OCTET STRING header.
constexpr std::array<unsigned char, 19> kSha256Prefix = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                         0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
constexpr std::array<unsigned char, 19> kSha384Prefix = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                         0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
constexpr std::array<unsigned char, 19> kSha512Prefix = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                         0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

std::span<const unsigned char> digest_info_prefix(Alg alg) noexcept {
  if (alg_family(alg) != AlgFamily::rsa_pkcs1) return {};
  switch (alg_hash_bytes(alg)) {
    case 32: return kSha256Prefix;
    case 48: return kSha384Prefix;
    case 64: return kSha512Prefix;
    default: return {};
  }
}

// The thread's bignum scratch: after its first verify its pool holds enough for any key here.
BN_CTX* thread_bn_ctx() noexcept {
  thread_local BnCtxPtr ctx(BN_CTX_new());
  return ctx.get();
}

// The bytes of RSAVP1(s) = s^e mod n for the k-byte signature S (RFC 8017 §5.2.2), in `em`;
// false when S as an integer is not below n, or OpenSSL fails.
bool public_operation(const BIGNUM* n, const BIGNUM* e, BN_MONT_CTX* montgomery, std::span<const unsigned char> sig,
                      std::span<unsigned char> em) noexcept {
  BN_CTX* ctx = thread_bn_ctx();
  if (ctx == nullptr) return false;
  const int k = static_cast<int>(sig.size());
  BN_CTX_start(ctx);
  BIGNUM* s = BN_CTX_get(ctx);
  BIGNUM* m = BN_CTX_get(ctx);  // null when either get failed
  const bool ok = m != nullptr && BN_bin2bn(sig.data(), k, s) != nullptr && BN_ucmp(s, n) < 0 &&
                  BN_mod_exp_mont(m, s, e, n, ctx, montgomery) == 1 && BN_bn2binpad(m, em.data(), k) == k;
  BN_CTX_end(ctx);
  return ok;
}

}  // namespace

RsaPkcs1Verifier::~RsaPkcs1Verifier() = default;

std::unique_ptr<RsaPkcs1Verifier> RsaPkcs1Verifier::create(const EVP_PKEY* pkey) noexcept {
  if (pkey == nullptr || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) return nullptr;
  std::unique_ptr<RsaPkcs1Verifier> v(new (std::nothrow) RsaPkcs1Verifier);
  if (!v) return nullptr;
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  const bool got_n = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n) == 1;
  v->modulus_.reset(n);
  const bool got_e = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
  v->exponent_.reset(e);
  const BnCtxPtr ctx(BN_CTX_new());
  v->montgomery_.reset(BN_MONT_CTX_new());
  const bool ok = got_n && got_e && ctx && v->montgomery_ && BN_is_odd(n) &&
                  static_cast<std::size_t>(BN_num_bytes(n)) <= kMaxModulusBytes &&
                  BN_MONT_CTX_set(v->montgomery_.get(), n, ctx.get()) == 1;
  if (!ok) {
    ERR_clear_error();
    return nullptr;
  }
  v->modulus_bytes_ = static_cast<std::size_t>(BN_num_bytes(n));
  return v;
}

bool RsaPkcs1Verifier::verify(Alg alg, std::span<const unsigned char> hash,
                              std::span<const unsigned char> signature) const noexcept {
  const std::span<const unsigned char> prefix = digest_info_prefix(alg);
  const std::size_t k = modulus_bytes_;
  const std::size_t t_len = prefix.size() + hash.size();  // the DigestInfo T
  // RFC 8017 §8.2.2 step 1 (length), §9.2 step 3 (k >= tLen + 11: at least 8 bytes of 0xff).
  if (prefix.empty() || hash.size() != alg_hash_bytes(alg) || signature.size() != k || k < t_len + 11) return false;
  std::array<unsigned char, kMaxModulusBytes> em;
  if (!public_operation(modulus_.get(), exponent_.get(), montgomery_.get(), signature, std::span(em.data(), k)))
    return false;
  // EM' = 0x00 || 0x01 || PS || 0x00 || T, PS being k - tLen - 3 bytes of 0xff; EM must equal it.
  const std::size_t separator = k - t_len - 1;
  bool same = em[0] == 0x00 && em[1] == 0x01 && em[separator] == 0x00;
  for (std::size_t i = 2; i < separator; ++i) same = same && em[i] == 0xff;
  return same && std::memcmp(em.data() + separator + 1, prefix.data(), prefix.size()) == 0 &&
         std::memcmp(em.data() + separator + 1 + prefix.size(), hash.data(), hash.size()) == 0;
}

}  // namespace jwtcheck::detail
