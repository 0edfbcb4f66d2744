// RsaVerifier and the two encodings it checks. PKCS#1 v1.5: blocks built by hand and raised to
// the private exponent (a raw RSA private operation, no padding), so every way an encoded
// message can be wrong is tried: each single byte changed, a DigestInfo without its NULL,
// another hash's DigestInfo, bytes after the hash, signatures not below the modulus. PSS:
// signatures made by OpenSSL on moduli of 2048, 2049, 2055 and 3072 bits (so the encoded message
// is one byte shorter than the modulus, or has unused top bits), and every single-bit change of
// a recovered block.
#include "crypto/alg_traits.hpp"
#include "crypto/rsa_pkcs1_encoding.hpp"
#include "crypto/rsa_pss_encoding.hpp"
#include "crypto/rsa_verifier.hpp"
#include "crypto/sha2.hpp"
#include "support/test_keys.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <string>
#include <vector>

using namespace jwtcheck;
using jwtcheck::detail::alg_hash_bytes;
using jwtcheck::detail::RsaVerifier;
using jwtcheck::test::cached_test_key;
using jwtcheck::test::generate_test_key;
using jwtcheck::test::TestKey;

namespace {

using Bytes = std::vector<unsigned char>;

// The DigestInfo DER up to the hash (RFC 8017 §9.2, note 1), written out here independently
// of the library's tables.
Bytes digest_info_prefix(std::size_t hash_bytes) {
  const unsigned char oid_last = hash_bytes == 32 ? 0x01 : hash_bytes == 48 ? 0x02 : 0x03;
  const auto total = static_cast<unsigned char>(0x11 + hash_bytes);
  return {0x30, total, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, oid_last,
          0x05, 0x00, 0x04, static_cast<unsigned char>(hash_bytes)};
}

// 0x00 0x01 0xff.. 0x00 || t, k bytes in all.
Bytes encode(std::size_t k, const Bytes& t) {
  Bytes em(k, 0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t.size() - 1] = 0x00;
  std::copy(t.begin(), t.end(), em.end() - static_cast<std::ptrdiff_t>(t.size()));
  return em;
}

Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Bytes test_hash(std::size_t size) {
  Bytes h(size);
  for (std::size_t i = 0; i < size; ++i) h[i] = static_cast<unsigned char>(0xa5 ^ (i * 7));
  return h;
}

// em^d mod n: the signature whose public operation gives back exactly `em` (which must be < n).
Bytes raw_private(const TestKey& key, const Bytes& em) {
  const detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new(key.pkey.get(), nullptr));
  std::size_t out_len = 0;
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
      EVP_PKEY_decrypt(ctx.get(), nullptr, &out_len, em.data(), em.size()) != 1)
    throw std::runtime_error("raw RSA private operation: setup failed");
  Bytes out(out_len);
  if (EVP_PKEY_decrypt(ctx.get(), out.data(), &out_len, em.data(), em.size()) != 1)
    throw std::runtime_error("raw RSA private operation failed");
  out.resize(out_len);
  return out;
}

Bytes modulus_bytes(const TestKey& key) {
  BIGNUM* n = nullptr;
  if (EVP_PKEY_get_bn_param(key.pkey.get(), OSSL_PKEY_PARAM_RSA_N, &n) != 1) throw std::runtime_error("no modulus");
  const detail::BignumPtr owned(n);
  Bytes out(static_cast<std::size_t>(BN_num_bytes(n)));
  BN_bn2bin(n, out.data());
  return out;
}

std::unique_ptr<RsaVerifier> verifier_for(const TestKey& key) {
  auto v = RsaVerifier::create(key.pkey.get());
  BOOST_REQUIRE(v != nullptr);
  return v;
}

bool accepts(const RsaVerifier& v, Alg alg, const Bytes& hash, const Bytes& signature) {
  const bool ok = v.verify(alg, hash, signature);
  if (!ok) ERR_clear_error();
  return ok;
}

// s^e mod n as k bytes, computed here with plain BN_mod_exp (not the library's code).
Bytes recover_block(const TestKey& key, const Bytes& signature) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key.pkey.get(), OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(key.pkey.get(), OSSL_PKEY_PARAM_RSA_E, &e);
  const detail::BignumPtr owned_n(n), owned_e(e);
  const detail::BnCtxPtr ctx(BN_CTX_new());
  const detail::BignumPtr s(BN_bin2bn(signature.data(), static_cast<int>(signature.size()), nullptr));
  const detail::BignumPtr m(BN_new());
  if (!n || !e || !ctx || !s || !m || BN_mod_exp(m.get(), s.get(), e, n, ctx.get()) != 1)
    throw std::runtime_error("raw RSA public operation failed");
  Bytes block(static_cast<std::size_t>(BN_num_bytes(n)));
  BN_bn2binpad(m.get(), block.data(), static_cast<int>(block.size()));
  return block;
}

// An RSASSA-PSS signature by OpenSSL of `hash` (alg's SHA-2): by default the JWS parameters,
// MGF1 with the same hash and a salt as long as the hash; `salt` and `mgf1` pick others.
Bytes pss_sign(const TestKey& key, Alg alg, const Bytes& hash, int salt = -1, const EVP_MD* mgf1 = nullptr) {
  const EVP_MD* md = alg_hash_bytes(alg) == 32 ? EVP_sha256() : alg_hash_bytes(alg) == 48 ? EVP_sha384() : EVP_sha512();
  const detail::PkeyCtxPtr ctx(EVP_PKEY_CTX_new(key.pkey.get(), nullptr));
  std::size_t len = 0;
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) != 1 ||
      EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1 || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), mgf1 ? mgf1 : md) != 1 ||
      EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), salt >= 0 ? salt : static_cast<int>(hash.size())) != 1 ||
      EVP_PKEY_sign(ctx.get(), nullptr, &len, hash.data(), hash.size()) != 1)
    throw std::runtime_error("PSS signing: setup failed");
  Bytes sig(len);
  if (EVP_PKEY_sign(ctx.get(), sig.data(), &len, hash.data(), hash.size()) != 1) throw std::runtime_error("PSS signing failed");
  sig.resize(len);
  return sig;
}

// An RSA private key whose modulus has exactly `bits` bits. OpenSSL 3.0's generator rounds odd
// sizes down to even ones, so odd sizes are built here from two primes of (bits + 1) / 2 and
// (bits - 1) / 2 bits: BN_generate_prime_ex sets the top two bits of each, so their product
// has exactly `bits` bits.
TestKey rsa_key_of_exactly(unsigned bits, Alg alg) {
  if (bits % 2 == 0) return generate_test_key(alg, "k", bits);
  const detail::BnCtxPtr ctx(BN_CTX_new());
  const detail::BignumPtr p(BN_new()), q(BN_new()), n(BN_new()), e(BN_new()), d(BN_new()), p1(BN_new()), q1(BN_new()),
      phi(BN_new()), dmp1(BN_new()), dmq1(BN_new()), iqmp(BN_new());
  const auto ok = [](int r) {
    if (r != 1) throw std::runtime_error("building an odd-size RSA key failed");
  };
  ok(BN_set_word(e.get(), RSA_F4));
  ok(BN_generate_prime_ex(p.get(), static_cast<int>((bits + 1) / 2), 0, nullptr, nullptr, nullptr));
  ok(BN_generate_prime_ex(q.get(), static_cast<int>((bits - 1) / 2), 0, nullptr, nullptr, nullptr));
  ok(BN_mul(n.get(), p.get(), q.get(), ctx.get()));
  if (BN_num_bits(n.get()) != static_cast<int>(bits)) throw std::runtime_error("odd-size RSA key: wrong modulus size");
  ok(BN_sub(p1.get(), p.get(), BN_value_one()));
  ok(BN_sub(q1.get(), q.get(), BN_value_one()));
  ok(BN_mul(phi.get(), p1.get(), q1.get(), ctx.get()));
  if (BN_mod_inverse(d.get(), e.get(), phi.get(), ctx.get()) == nullptr) throw std::runtime_error("e not invertible");
  ok(BN_mod(dmp1.get(), d.get(), p1.get(), ctx.get()));
  ok(BN_mod(dmq1.get(), d.get(), q1.get(), ctx.get()));
  if (BN_mod_inverse(iqmp.get(), q.get(), p.get(), ctx.get()) == nullptr) throw std::runtime_error("q not invertible");
  const detail::ParamBldPtr bld(OSSL_PARAM_BLD_new());
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1.get()));
  ok(OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, iqmp.get()));
  const detail::ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  const detail::PkeyCtxPtr from(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* made = nullptr;
  ok(params != nullptr && from != nullptr ? 1 : 0);
  ok(EVP_PKEY_fromdata_init(from.get()));
  ok(EVP_PKEY_fromdata(from.get(), &made, EVP_PKEY_KEYPAIR, params.get()));
  TestKey key{alg, "k", detail::PkeyPtr(made), {}, {}, {}, {}};
  if (EVP_PKEY_get_bits(key.pkey.get()) != static_cast<int>(bits)) throw std::runtime_error("odd-size RSA key: size");
  return key;
}

// The PSS keys, generated once: moduli of 2048, 2049 (the encoded message is k - 1 bytes),
// 2055 (two unused top bits) and 3072 bits.
const std::vector<TestKey>& pss_keys() {
  static const std::vector<TestKey> keys = [] {
    std::vector<TestKey> k;
    for (const unsigned bits : {2048u, 2049u, 2055u, 3072u}) k.push_back(rsa_key_of_exactly(bits, Alg::PS256));
    return k;
  }();
  return keys;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rsa_verifier)

BOOST_AUTO_TEST_CASE(a_correct_encoding_verifies_for_each_hash_and_key_size) {
  for (const unsigned bits : {2048u, 2049u, 3072u}) {  // 2049: the block's first byte is a whole 0
    const TestKey key = rsa_key_of_exactly(bits, Alg::RS256);
    const auto v = verifier_for(key);
    BOOST_TEST(v->modulus_bits() == bits);
    BOOST_TEST(v->modulus_bytes() == (bits + 7) / 8);
    for (const Alg alg : {Alg::RS256, Alg::RS384, Alg::RS512}) {
      const Bytes hash = test_hash(alg_hash_bytes(alg));
      const Bytes signature = raw_private(key, encode(v->modulus_bytes(), concat(digest_info_prefix(hash.size()), hash)));
      BOOST_TEST(accepts(*v, alg, hash, signature), alg_name(alg) << " " << bits);
      // The same signature under another RS alg, or another hash, is refused.
      for (const Alg other : {Alg::RS256, Alg::RS384, Alg::RS512})
        if (other != alg) BOOST_TEST(!accepts(*v, other, test_hash(alg_hash_bytes(other)), signature));
      Bytes wrong_hash = hash;
      wrong_hash.back() ^= 1;
      BOOST_TEST(!accepts(*v, alg, wrong_hash, signature));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_change_to_any_single_byte_of_the_encoding_is_refused) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const auto v = verifier_for(key);
  const Bytes hash = test_hash(32);
  const Bytes good = encode(v->modulus_bytes(), concat(digest_info_prefix(32), hash));
  BOOST_REQUIRE(accepts(*v, Alg::RS256, hash, raw_private(key, good)));
  std::size_t refused = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes bad = good;
    bad[i] ^= i == 0 ? 0x01 : 0x80;  // byte 0 only gains a low bit, so the block stays below n
    if (!accepts(*v, Alg::RS256, hash, raw_private(key, bad))) ++refused;
    else BOOST_ERROR("byte " << i << " changed and still accepted");
  }
  BOOST_TEST(refused == good.size());
}

BOOST_AUTO_TEST_CASE(lax_digest_info_forms_are_refused) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const auto v = verifier_for(key);
  const std::size_t k = v->modulus_bytes();
  const Bytes hash = test_hash(32);
  // DigestInfo without the NULL parameters (some old signers omit it; RFC 8017 wants it).
  const Bytes no_null = {0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20};
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, raw_private(key, encode(k, concat(no_null, hash)))));
  // SHA-512's identifier around a 32-byte value.
  Bytes other_oid = digest_info_prefix(32);
  other_oid[14] = 0x03;
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, raw_private(key, encode(k, concat(other_oid, hash)))));
  // Bytes after the hash (the padding one shorter).
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, raw_private(key, encode(k, concat(concat(digest_info_prefix(32), hash), {0x00})))));
  // The hash alone, no DigestInfo.
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, raw_private(key, encode(k, hash))));
  // Block type 2 (encryption padding) with nonzero filler instead of 0xff.
  Bytes type2 = encode(k, concat(digest_info_prefix(32), hash));
  type2[1] = 0x02;
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, raw_private(key, type2)));
}

BOOST_AUTO_TEST_CASE(signatures_of_the_wrong_size_or_not_below_the_modulus_are_refused) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const auto v = verifier_for(key);
  const std::size_t k = v->modulus_bytes();
  const Bytes hash = test_hash(32);
  const Bytes good = raw_private(key, encode(k, concat(digest_info_prefix(32), hash)));
  BOOST_REQUIRE(accepts(*v, Alg::RS256, hash, good));
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, Bytes(good.begin() + 1, good.end())));
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, concat({0x00}, good)));
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, Bytes{}));
  const Bytes n = modulus_bytes(key);
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, n));  // s = n
  // s + n has the same residue as a valid s, so only the s < n check refuses it. Find a hash
  // whose signature leaves room for n below 2^(8k).
  const detail::BignumPtr modulus(BN_bin2bn(n.data(), static_cast<int>(n.size()), nullptr));
  bool tried_s_plus_n = false;
  for (unsigned char seed = 0; seed < 64 && !tried_s_plus_n; ++seed) {
    Bytes h = test_hash(32);
    h[0] = seed;
    const Bytes s = raw_private(key, encode(k, concat(digest_info_prefix(32), h)));
    BOOST_REQUIRE(accepts(*v, Alg::RS256, h, s));
    const detail::BignumPtr sum(BN_bin2bn(s.data(), static_cast<int>(s.size()), nullptr));
    BOOST_REQUIRE(BN_add(sum.get(), sum.get(), modulus.get()) == 1);
    if (static_cast<std::size_t>(BN_num_bytes(sum.get())) > k) continue;
    Bytes s_plus_n(k);
    BN_bn2binpad(sum.get(), s_plus_n.data(), static_cast<int>(k));
    BOOST_TEST(!accepts(*v, Alg::RS256, h, s_plus_n));
    tried_s_plus_n = true;
  }
  BOOST_TEST(tried_s_plus_n);
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, Bytes(k, 0xff)));
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, Bytes(k, 0x00)));  // 0^e = 0
  Bytes one(k, 0x00);
  one.back() = 1;
  BOOST_TEST(!accepts(*v, Alg::RS256, hash, one));  // 1^e = 1
}

BOOST_AUTO_TEST_CASE(a_pkcs1_block_with_any_single_bit_changed_is_refused) {
  for (const Alg alg : {Alg::RS256, Alg::RS384, Alg::RS512}) {
    const Bytes hash = test_hash(alg_hash_bytes(alg));
    const Bytes good = encode(256, concat(digest_info_prefix(hash.size()), hash));
    BOOST_REQUIRE(detail::pkcs1_v1_5_encoding_matches(alg, hash, good));
    std::size_t accepted = 0;
    for (std::size_t bit = 0; bit < good.size() * 8; ++bit) {
      Bytes bad = good;
      bad[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
      accepted += detail::pkcs1_v1_5_encoding_matches(alg, hash, bad) ? 1 : 0;
    }
    BOOST_TEST(accepted == 0u, alg_name(alg));
  }
  // Too short for 8 bytes of padding: 2 + 7 + 1 + 51.
  const Bytes hash = test_hash(32);
  BOOST_TEST(!detail::pkcs1_v1_5_encoding_matches(Alg::RS256, hash, encode(61, concat(digest_info_prefix(32), hash))));
  BOOST_TEST(detail::pkcs1_v1_5_encoding_matches(Alg::RS256, hash, encode(62, concat(digest_info_prefix(32), hash))));
}

BOOST_AUTO_TEST_CASE(openssl_pss_signatures_verify_on_every_modulus_size) {
  std::vector<std::size_t> sizes;
  for (const TestKey& key : pss_keys()) sizes.push_back(verifier_for(key)->modulus_bits());
  BOOST_TEST(sizes == (std::vector<std::size_t>{2048, 2049, 2055, 3072}), boost::test_tools::per_element());
  for (const TestKey& key : pss_keys()) {
    const auto v = verifier_for(key);
    for (const Alg alg : {Alg::PS256, Alg::PS384, Alg::PS512}) {
      BOOST_TEST_CONTEXT(alg_name(alg) << ", " << v->modulus_bits() << "-bit modulus") {
        const Bytes hash = test_hash(alg_hash_bytes(alg));
        const Bytes signature = pss_sign(key, alg, hash);
        BOOST_TEST(accepts(*v, alg, hash, signature));
        Bytes other = hash;
        other[0] ^= 1;
        BOOST_TEST(!accepts(*v, alg, other, signature));
        for (const Alg wrong : {Alg::PS256, Alg::PS384, Alg::PS512, Alg::RS256})
          if (wrong != alg) BOOST_TEST(!accepts(*v, wrong, test_hash(alg_hash_bytes(wrong)), signature));
        Bytes tampered = signature;
        tampered.back() ^= 1;
        BOOST_TEST(!accepts(*v, alg, hash, tampered));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_pss_block_with_any_single_bit_changed_is_refused) {
  for (const TestKey& key : pss_keys()) {
    const auto v = verifier_for(key);
    const std::size_t bits = v->modulus_bits();
    for (const Alg alg : {Alg::PS256, Alg::PS512}) {
      BOOST_TEST_CONTEXT(alg_name(alg) << ", " << bits << "-bit modulus") {
        const Bytes hash = test_hash(alg_hash_bytes(alg));
        const Bytes good = recover_block(key, pss_sign(key, alg, hash));
        BOOST_REQUIRE(detail::pss_encoding_matches(alg, hash, good, bits));
        std::size_t accepted = 0;
        for (std::size_t bit = 0; bit < good.size() * 8; ++bit) {
          Bytes bad = good;
          bad[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
          if (detail::pss_encoding_matches(alg, hash, bad, bits)) {
            ++accepted;
            BOOST_ERROR("bit " << bit << " changed and still accepted");
          }
        }
        BOOST_TEST(accepted == 0u);
        // The block must be the modulus' size, for the modulus' bit length.
        BOOST_TEST(!detail::pss_encoding_matches(alg, hash, Bytes(good.begin() + 1, good.end()), bits));
        BOOST_TEST(!detail::pss_encoding_matches(alg, hash, concat({0}, good), bits));
        BOOST_TEST(!detail::pss_encoding_matches(alg, hash, good, bits + 8));
        BOOST_TEST(!detail::pss_encoding_matches(alg, Bytes(hash.begin(), hash.end() - 1), good, bits));
        BOOST_TEST(!detail::pss_encoding_matches(Alg::RS256, hash, good, bits));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_pss_salt_of_another_length_is_refused) {
  const TestKey& key = pss_keys().front();
  const auto v = verifier_for(key);
  const Bytes hash = test_hash(32);
  for (const int salt : {0, 20, 31, 33, 64})
    BOOST_TEST(!accepts(*v, Alg::PS256, hash, pss_sign(key, Alg::PS256, hash, salt)), "salt " << salt);
  // MGF1 with another hash than the signature's.
  BOOST_TEST(!accepts(*v, Alg::PS256, hash, pss_sign(key, Alg::PS256, hash, 32, EVP_sha1())));
}

BOOST_AUTO_TEST_CASE(only_rsa_algs_and_their_hash_sizes_are_verified) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const auto v = verifier_for(key);
  const Bytes hash = test_hash(32);
  const Bytes good = raw_private(key, encode(v->modulus_bytes(), concat(digest_info_prefix(32), hash)));
  for (const Alg alg : {Alg::PS256, Alg::ES256, Alg::HS256, Alg::EdDSA}) BOOST_TEST(!accepts(*v, alg, hash, good));
  BOOST_TEST(!accepts(*v, Alg::RS256, Bytes(hash.begin(), hash.end() - 1), good));
  BOOST_TEST(!accepts(*v, Alg::RS256, Bytes{}, good));
}

BOOST_AUTO_TEST_CASE(only_rsa_keys_get_a_verifier) {
  BOOST_TEST(RsaVerifier::create(nullptr) == nullptr);
  BOOST_TEST(RsaVerifier::create(cached_test_key(Alg::ES256).pkey.get()) == nullptr);
  BOOST_TEST(RsaVerifier::create(cached_test_key(Alg::EdDSA).pkey.get()) == nullptr);
  BOOST_TEST(ERR_peek_error() == 0UL);
}

BOOST_AUTO_TEST_SUITE_END()
