#include "testing/jws_sign.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <span>

namespace jwtcheck::testing::detail {

using jwtcheck::detail::BioPtr;
using jwtcheck::detail::MdCtxPtr;

namespace {

using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, jwtcheck::detail::OpenSslDeleter<ECDSA_SIG_free>>;

const EVP_MD* digest_for(Alg alg) noexcept {
  switch (alg) {
    case Alg::RS256: case Alg::PS256: case Alg::ES256: case Alg::HS256: return EVP_sha256();
    case Alg::RS384: case Alg::PS384: case Alg::ES384: case Alg::HS384: return EVP_sha384();
    case Alg::RS512: case Alg::PS512: case Alg::ES512: case Alg::HS512: return EVP_sha512();
    case Alg::EdDSA: return nullptr;
  }
  return nullptr;
}

bool is_rsa_alg(Alg alg) noexcept { return alg <= Alg::PS512; }
bool is_pss(Alg alg) noexcept { return alg == Alg::PS256 || alg == Alg::PS384 || alg == Alg::PS512; }
bool is_ecdsa(Alg alg) noexcept { return alg == Alg::ES256 || alg == Alg::ES384 || alg == Alg::ES512; }

std::string failed() {
  ERR_clear_error();
  return {};
}

// One-shot EVP_DigestSign; `md` is null for EdDSA. PSS padding is set when `pss`.
std::string digest_sign(EVP_PKEY* pkey, const EVP_MD* md, bool pss, std::string_view input) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, pkey) != 1) return failed();
  // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash.
  if (pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
              EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1))
    return failed();
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  std::size_t length = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) != 1) return failed();
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                     input.size()) != 1)
    return failed();
  signature.resize(length);
  return signature;
}

// ECDSA signatures come out of OpenSSL as DER; JWS wants fixed-width r||s (RFC 7518 §3.4).
std::string der_to_raw_ecdsa(const std::string& der, int field_bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return failed();
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * static_cast<std::size_t>(field_bytes), '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, field_bytes) != field_bytes || BN_bn2binpad(s, out + field_bytes, field_bytes) != field_bytes)
    return failed();
  return raw;
}

std::string hmac(std::string_view secret, const EVP_MD* md, std::string_view input) {
  unsigned char tag[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  if (!EVP_Q_mac(nullptr, "HMAC", nullptr, EVP_MD_get0_name(md), nullptr, secret.data(), secret.size(),
                 reinterpret_cast<const unsigned char*>(input.data()), input.size(), tag, sizeof tag, &length))
    return failed();
  return std::string(reinterpret_cast<const char*>(tag), length);
}

std::string sign_asymmetric(EVP_PKEY* pkey, Alg alg, std::string_view input) {
  const int type = EVP_PKEY_get_base_id(pkey);
  if (is_rsa_alg(alg)) {
    if (type != EVP_PKEY_RSA) return {};
    return digest_sign(pkey, digest_for(alg), is_pss(alg), input);
  }
  if (is_ecdsa(alg)) {
    if (type != EVP_PKEY_EC) return {};
    // The width follows the key's curve, so a mismatched alg still yields a well-formed signature.
    const int field_bytes = (EVP_PKEY_get_bits(pkey) + 7) / 8;
    return der_to_raw_ecdsa(digest_sign(pkey, digest_for(alg), false, input), field_bytes);
  }
  if (type != EVP_PKEY_ED25519 && type != EVP_PKEY_ED448) return {};
  return digest_sign(pkey, nullptr, false, input);
}

}  // namespace

std::string spki_pem(const SigningKeyData& key) {
  if (!key.pkey) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.pkey.get()) != 1) return failed();
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string sign_jws(const SigningKeyData& key, Alg alg, std::string_view signing_input) {
  if (is_hmac(alg)) {
    const std::string pem = key.pkey ? spki_pem(key) : std::string();
    const std::string_view secret = key.pkey ? std::string_view(pem) : key.hmac_secret.reveal();
    return hmac(secret, digest_for(alg), signing_input);
  }
  if (!key.pkey) return {};
  return sign_asymmetric(key.pkey.get(), alg, signing_input);
}

}  // namespace jwtcheck::testing::detail
