// RS256 and PS256 floors on OpenSSL's bignum calls: s^e mod n with BN_mod_exp_mont on a
// Montgomery context built once per key and a BN_CTX kept per thread (what OpenSSL's own RSA
// public operation computes, without its per-call BN_CTX and buffers). RS256 then compares the
// block whole with the expected PKCS#1 v1.5 encoding (no allocation per call); PS256 checks it
// with OpenSSL's RSA_verify_PKCS1_PSS_mgf1 and a digest fetched once.
#define OPENSSL_SUPPRESS_DEPRECATED 1  // SHA256_Init and friends, as the other RS256 floors hash

#include "floor_cases.hpp"
#include "openssl_floor_keys.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace bench {
namespace {

using BignumPtr = std::shared_ptr<BIGNUM>;

struct PublicModulus {
  BignumPtr n, e;
  std::shared_ptr<BN_MONT_CTX> montgomery;
  std::size_t k = 0;
  std::shared_ptr<RSA> rsa;  // for RSA_verify_PKCS1_PSS_mgf1, which reads only its size
};

using Block = std::array<unsigned char, 2048>;  // up to 16384-bit moduli

// s^e mod n into em[0..k); false when the signature is not k bytes or not below n.
bool recover(const PublicModulus& key, BN_CTX* ctx, const std::vector<unsigned char>& signature, Block& em) {
  const std::size_t k = key.k;
  if (signature.size() != k) return false;
  BN_CTX_start(ctx);
  BIGNUM* sig = BN_CTX_get(ctx);
  BIGNUM* m = BN_CTX_get(ctx);
  const bool computed = m && BN_bin2bn(signature.data(), static_cast<int>(k), sig) && BN_ucmp(sig, key.n.get()) < 0 &&
                        BN_mod_exp_mont(m, sig, key.e.get(), key.n.get(), ctx, key.montgomery.get()) == 1 &&
                        BN_bn2binpad(m, em.data(), static_cast<int>(k)) == static_cast<int>(k);
  BN_CTX_end(ctx);
  return computed;
}

// SHA-256's DigestInfo up to the hash (RFC 8017 §9.2, note 1).
constexpr std::array<unsigned char, 19> kSha256DigestInfo = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                             0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

PublicModulus public_modulus(const AlgFixture& fixture) {
  const auto pkey = floor_public_key(fixture);
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  if (EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
      EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_E, &e) != 1)
    fail("floor: cannot read the RSA modulus and exponent");
  PublicModulus m{BignumPtr(n, BN_free), BignumPtr(e, BN_free), std::shared_ptr<BN_MONT_CTX>(BN_MONT_CTX_new(), BN_MONT_CTX_free),
                  static_cast<std::size_t>(BN_num_bytes(n)), std::shared_ptr<RSA>(EVP_PKEY_get1_RSA(pkey.get()), RSA_free)};
  const std::shared_ptr<BN_CTX> ctx(BN_CTX_new(), BN_CTX_free);
  if (!m.montgomery || !ctx || !m.rsa || BN_MONT_CTX_set(m.montgomery.get(), n, ctx.get()) != 1 || m.k > 2048)
    fail("floor: cannot build the Montgomery context");
  return m;
}

BenchCase rsa_pkcs1_bignum_case(const PublicModulus& key) {
  return {"floor: BN_mod_exp_mont (Montgomery ctx per key, BN_CTX per thread) + compare", CaseKind::floor, [key] {
            const std::shared_ptr<BN_CTX> ctx(BN_CTX_new(), BN_CTX_free);  // this thread's
            return VerifyFn([key, ctx](const Sample& s) {
              const auto hash = floor_sha256(s.signing_input);
              Block em;
              const std::size_t k = key.k;
              const std::size_t t_len = kSha256DigestInfo.size() + hash.size();
              if (k < t_len + 11 || !recover(key, ctx.get(), s.signature, em)) {
                ERR_clear_error();
                return false;
              }
              const std::size_t separator = k - t_len - 1;
              return em[0] == 0x00 && em[1] == 0x01 && em[separator] == 0x00 &&
                     std::all_of(em.begin() + 2, em.begin() + static_cast<std::ptrdiff_t>(separator),
                                 [](unsigned char b) { return b == 0xff; }) &&
                     std::memcmp(em.data() + separator + 1, kSha256DigestInfo.data(), kSha256DigestInfo.size()) == 0 &&
                     std::memcmp(em.data() + k - hash.size(), hash.data(), hash.size()) == 0;
            });
          }, {}, 1};
}

BenchCase rsa_pss_bignum_case(const PublicModulus& key) {
  const std::shared_ptr<EVP_MD> md(EVP_MD_fetch(nullptr, "SHA256", nullptr), EVP_MD_free);
  if (!md) fail("floor: cannot fetch SHA256");
  return {"floor: BN_mod_exp_mont (Montgomery ctx per key, BN_CTX per thread) + RSA_verify_PKCS1_PSS_mgf1",
          CaseKind::floor, [key, md] {
            const std::shared_ptr<BN_CTX> ctx(BN_CTX_new(), BN_CTX_free);  // this thread's
            return VerifyFn([key, md, ctx](const Sample& s) {
              const auto hash = floor_sha256(s.signing_input);
              Block em;
              const bool ok = recover(key, ctx.get(), s.signature, em) &&
                              RSA_verify_PKCS1_PSS_mgf1(key.rsa.get(), hash.data(), md.get(), md.get(), em.data(),
                                                        SHA256_DIGEST_LENGTH) == 1;
              if (!ok) ERR_clear_error();
              return ok;
            });
          }, {}, 1};
}

}  // namespace

std::vector<BenchCase> bignum_floor_cases(const AlgFixture& fixture) {
  if (fixture.alg == jwtcheck::Alg::RS256) return {rsa_pkcs1_bignum_case(public_modulus(fixture))};
  if (fixture.alg == jwtcheck::Alg::PS256) return {rsa_pss_bignum_case(public_modulus(fixture))};
  return {};
}

}  // namespace bench
