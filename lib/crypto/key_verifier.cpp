#include "crypto/key_verifier.hpp"

#include "alg_traits.hpp"
#include "crypto/ecdsa_signature.hpp"
#include "json/message_quote.hpp"
#include "keys/key_usage.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <array>
#include <vector>

namespace jwtcheck::detail {

namespace {

const unsigned char* bytes_of(std::string_view s) noexcept { return reinterpret_cast<const unsigned char*>(s.data()); }

Error cannot_prepare(const KeyData& key, Alg alg) {
  ERR_clear_error();
  return Error{ErrorCode::unsupported_key, "kid " + quote_for_message(key.kid) + ": the configured OpenSSL providers cannot verify " +
                                               std::string(alg_name(alg)) + " with this key"};
}

// The signature size RFC 7518 fixes for this key: the modulus length (RS*, PS*), twice the
// curve's byte length (ES*, §3.4), 64 or 114 (EdDSA, RFC 8032), the hash length (HS*).
std::size_t signature_size(const KeyData& key, Alg alg) noexcept {
  switch (alg_family(alg)) {
    case AlgFamily::ecdsa: return 2 * ((key.bits + 7) / 8);
    case AlgFamily::hmac: return alg_hash_bytes(alg);
    default: return static_cast<std::size_t>(EVP_PKEY_get_size(key.pkey.get()));
  }
}

// RS*: PKCS#1 v1.5. PS*: RFC 7518 §3.5, MGF1 with the same hash and a salt exactly as long as
// the hash ("digest": any other salt length fails).
std::vector<OSSL_PARAM> rsa_padding_params(Alg alg, const OpensslAlgorithms& algorithms) {
  std::vector<OSSL_PARAM> params;
  auto text = [](const char* name, const char* value) {
    return OSSL_PARAM_construct_utf8_string(name, const_cast<char*>(value), 0);
  };
  if (alg_family(alg) == AlgFamily::rsa_pss) {
    params.push_back(text(OSSL_SIGNATURE_PARAM_PAD_MODE, OSSL_PKEY_RSA_PAD_MODE_PSS));
    params.push_back(text(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, alg_digest_name(alg)));
    if (algorithms.properties()) params.push_back(text(OSSL_SIGNATURE_PARAM_MGF1_PROPERTIES, algorithms.properties()));
    params.push_back(text(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST));
  } else if (alg_family(alg) == AlgFamily::rsa_pkcs1) {
    params.push_back(text(OSSL_SIGNATURE_PARAM_PAD_MODE, OSSL_PKEY_RSA_PAD_MODE_PKCSV15));
  }
  params.push_back(OSSL_PARAM_construct_end());
  return params;
}

MdCtxPtr init_digest_verify(const KeyData& key, Alg alg, const OpensslAlgorithms& algorithms) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const auto params = rsa_padding_params(alg, algorithms);
  // EdDSA takes no digest name: Ed25519 and Ed448 hash internally.
  if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, alg_digest_name(alg), algorithms.libctx(),
                                      algorithms.properties(), key.pkey.get(), params.data()) != 1)
    return nullptr;
  return ctx;
}

MacCtxPtr init_mac(const KeyData& key, Alg alg, const OpensslAlgorithms& algorithms) {
  if (!algorithms.hmac() || key.secret.empty()) return nullptr;
  MacCtxPtr ctx(EVP_MAC_CTX_new(algorithms.hmac()));
  std::array<OSSL_PARAM, 3> params{
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(alg_digest_name(alg)), 0),
      OSSL_PARAM_construct_end(), OSSL_PARAM_construct_end()};
  if (algorithms.properties())
    params[1] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_PROPERTIES, const_cast<char*>(algorithms.properties()), 0);
  if (!ctx || EVP_MAC_init(ctx.get(), bytes_of(key.secret), key.secret.size(), params.data()) != 1) return nullptr;
  return ctx;
}

}  // namespace

Result<KeyVerifier> KeyVerifier::create(const KeyData& key, Alg alg, const OpensslAlgorithms& algorithms) {
  if (!algorithms.fetched(alg) || !key_may_verify(key, alg)) return cannot_prepare(key, alg);
  const std::size_t size = signature_size(key, alg);
  if (alg_family(alg) == AlgFamily::hmac) {
    MacCtxPtr mac = init_mac(key, alg, algorithms);
    if (!mac) return cannot_prepare(key, alg);
    return KeyVerifier(alg, nullptr, std::move(mac), size);
  }
  MdCtxPtr ctx = init_digest_verify(key, alg, algorithms);
  if (!ctx) return cannot_prepare(key, alg);
  return KeyVerifier(alg, std::move(ctx), nullptr, size);
}

bool KeyVerifier::verify(std::string_view input, std::span<const unsigned char> signature) const noexcept {
  if (signature.size() != signature_size_) return false;
  const bool ok = mac_ ? verify_mac(input, signature) : verify_signature(input, signature);
  if (!ok) ERR_clear_error();
  return ok;
}

bool KeyVerifier::verify_signature(std::string_view input, std::span<const unsigned char> signature) const noexcept {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), digest_verify_.get()) != 1) return false;
  // The copy is used once: finalising in place spares OpenSSL a second copy of its own.
  EVP_MD_CTX_set_flags(ctx.get(), EVP_MD_CTX_FLAG_FINALISE);
  if (alg_family(alg_) != AlgFamily::ecdsa)
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), bytes_of(input), input.size()) == 1;
  std::vector<unsigned char> der;
  try {
    der = ecdsa_raw_to_der(signature);
  } catch (...) {  // out of memory
    return false;
  }
  return !der.empty() && EVP_DigestVerify(ctx.get(), der.data(), der.size(), bytes_of(input), input.size()) == 1;
}

bool KeyVerifier::verify_mac(std::string_view input, std::span<const unsigned char> tag) const noexcept {
  MacCtxPtr ctx(EVP_MAC_CTX_dup(mac_.get()));
  std::array<unsigned char, EVP_MAX_MD_SIZE> computed;
  std::size_t computed_size = 0;
  const bool ok = ctx && EVP_MAC_update(ctx.get(), bytes_of(input), input.size()) == 1 &&
                  EVP_MAC_final(ctx.get(), computed.data(), &computed_size, computed.size()) == 1 &&
                  computed_size == tag.size() && CRYPTO_memcmp(computed.data(), tag.data(), tag.size()) == 0;
  OPENSSL_cleanse(computed.data(), computed.size());
  return ok;
}

bool verify_signature_once(const KeyData& key, Alg alg, std::string_view signing_input,
                           std::span<const unsigned char> signature, const OpensslAlgorithms& algorithms) noexcept {
  try {
    auto verifier = KeyVerifier::create(key, alg, algorithms);
    return verifier && verifier->verify(signing_input, signature);
  } catch (...) {
    ERR_clear_error();
    return false;
  }
}

}  // namespace jwtcheck::detail
