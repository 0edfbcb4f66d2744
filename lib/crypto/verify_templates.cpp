#include "crypto/verify_templates.hpp"

#include "crypto/alg_traits.hpp"
#include "crypto/hmac_pad_states.hpp"
#include "crypto/legacy_verify.hpp"
#include "crypto/signature.hpp"
#include "keys/key_usage.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

namespace jwtcheck::detail {

namespace {

const EVP_MD* digest_for(Alg alg) noexcept {
  switch (alg_hash_bytes(alg)) {
    case 32: return EVP_sha256();
    case 48: return EVP_sha384();
    case 64: return EVP_sha512();
    default: return nullptr;  // EdDSA: the one-shot scheme hashes internally
  }
}

bool set_pss_parameters(EVP_PKEY_CTX* pctx, Alg alg) noexcept {
  // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash. An exact salt length
  // (not RSA_PSS_SALTLEN_AUTO) makes signatures with any other salt length fail.
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, digest_for(alg)) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, static_cast<int>(alg_hash_bytes(alg))) == 1;
}

}  // namespace

bool configure_rsa_padding(EVP_PKEY_CTX* pctx, Alg alg) noexcept {
  switch (alg_family(alg)) {
    case AlgFamily::rsa_pss: return set_pss_parameters(pctx, alg);
    case AlgFamily::rsa_pkcs1: return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
    default: return true;
  }
}

MdCtxPtr make_verify_template(const KeyData& key, Alg alg) noexcept {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !key.pkey) return nullptr;
  // Copies made from this template finalise in place instead of duplicating themselves again.
  EVP_MD_CTX_set_flags(ctx.get(), EVP_MD_CTX_FLAG_FINALISE);
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  const bool ok = EVP_DigestVerifyInit(ctx.get(), &pctx, digest_for(alg), nullptr, key.pkey.get()) == 1 &&
                  configure_rsa_padding(pctx, alg);
  if (!ok) {
    ERR_clear_error();
    return nullptr;
  }
  return ctx;
}

void prepare_verification(KeyData& key) noexcept {
  attach_legacy_key(key);
  if (key.type == KeyType::rsa) key.rsa = RsaVerifier::create(key.pkey.get());
  for (Alg alg : kAllAlgs) {
    if (!key_may_verify(key, alg)) continue;
    // RS*, PS* and ES* need no template (crypto/rsa_verifier, legacy ECDSA_do_verify).
    if (alg_family(alg) == AlgFamily::hmac)  // key_may_verify: only the secret's own alg
      key.hmac_pads = HmacPadStates::create(key.secret, alg);
    else if (alg_family(alg) == AlgFamily::eddsa)
      key.verify_templates[alg_index(alg)] = make_verify_template(key, alg);
  }
  ERR_clear_error();
}

}  // namespace jwtcheck::detail
