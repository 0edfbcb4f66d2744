#include "crypto/signature.hpp"

#include "crypto/alg_traits.hpp"
#include "crypto/ecdsa_der.hpp"
#include "crypto/hmac_pad_states.hpp"
#include "crypto/legacy_verify.hpp"
#include "crypto/sha2.hpp"
#include "crypto/thread_verifiers.hpp"
#include "crypto/verify_templates.hpp"
#include "keys/key_usage.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>

#include <array>

namespace jwtcheck::detail {

namespace {

const unsigned char* bytes_of(std::string_view s) noexcept { return reinterpret_cast<const unsigned char*>(s.data()); }

// Each thread reuses one EVP_MD_CTX shell; it is reset after every use so it never keeps a
// key alive. Copying the key's prepared template into it replaces EVP_DigestVerifyInit.
EVP_MD_CTX* thread_scratch_ctx() noexcept {
  thread_local MdCtxPtr scratch(EVP_MD_CTX_new());
  return scratch.get();
}

// EdDSA only: Ed25519/Ed448 have no prehash mode here, so it stays one-shot EVP_DigestVerify.
bool verify_with_evp(const KeyData& key, Alg alg, std::string_view input,
                     std::span<const unsigned char> signature) noexcept {
  const EVP_MD_CTX* tmpl = key.verify_templates[alg_index(alg)].get();
  MdCtxPtr built;  // only for a KeyData nobody prepared (slow path)
  if (tmpl == nullptr) {
    built = make_verify_template(key, alg);
    if (!built) return false;
    tmpl = built.get();
  }
  EVP_MD_CTX* ctx = thread_scratch_ctx();
  if (ctx == nullptr) return false;
  if (EVP_MD_CTX_copy_ex(ctx, tmpl) != 1) {
    EVP_MD_CTX_reset(ctx);
    return false;
  }
  EVP_MD_CTX_set_flags(ctx, EVP_MD_CTX_FLAG_FINALISE);
  const bool ok = EVP_DigestVerify(ctx, signature.data(), signature.size(), bytes_of(input), input.size()) == 1;
  EVP_MD_CTX_reset(ctx);
  return ok;
}

// RS*, PS*, ES*: the hash is computed on the stack (crypto/sha2) and then verified: RS* and PS*
// on the key's prepared modulus (crypto/rsa_verifier), ES* with the low-level call on the key's
// legacy view (crypto/legacy_verify), any key without that state on this thread's EVP_PKEY_CTX
// for (key id, alg), initialised once. No OpenSSL context is copied per call.
using HashBuffer = std::array<unsigned char, EVP_MAX_MD_SIZE>;

std::span<const unsigned char> prehash(Alg alg, std::string_view input, HashBuffer& out) noexcept {
  return {out.data(), sha2_digest(alg, input, out)};  // empty when the hash failed
}

// `signature` as OpenSSL's EVP verify takes it: the RSA signature, or the ECDSA one in DER.
bool verify_with_thread_pkey(const KeyData& key, Alg alg, std::span<const unsigned char> hash,
                             std::span<const unsigned char> signature) noexcept {
  EVP_PKEY_CTX* pctx = thread_pkey_verifier(key, alg);
  return pctx != nullptr && EVP_PKEY_verify(pctx, signature.data(), signature.size(), hash.data(), hash.size()) == 1;
}

bool verify_rsa(const KeyData& key, Alg alg, std::string_view input, std::span<const unsigned char> signature) noexcept {
  HashBuffer buffer;
  const auto hash = prehash(alg, input, buffer);
  if (hash.empty()) return false;
  return key.rsa ? key.rsa->verify(alg, hash, signature) : verify_with_thread_pkey(key, alg, hash, signature);
}

// RSA signatures are exactly the modulus length (RFC 8017 §8.2.2 step 1); EdDSA's are 64 / 114.
bool signature_size_fits(const KeyData& key, std::size_t size) noexcept {
  return EVP_PKEY_get_size(key.pkey.get()) == static_cast<int>(size);
}

bool verify_ecdsa(const KeyData& key, Alg alg, std::string_view input,
                  std::span<const unsigned char> signature) noexcept {
  // RFC 7518 §3.4: exactly 2 × the curve's byte length; DER or any other length is refused.
  const auto field_bytes = static_cast<std::size_t>((EVP_PKEY_get_bits(key.pkey.get()) + 7) / 8);
  if (signature.size() != 2 * field_bytes) return false;
  HashBuffer buffer;
  const auto hash = prehash(alg, input, buffer);
  if (hash.empty()) return false;
  if (key.legacy_ec) return legacy_ecdsa_verify(key, hash, signature);
  EcdsaDerBuffer der;
  const auto der_len = ecdsa_raw_to_der(signature, der);
  return der_len && verify_with_thread_pkey(key, alg, hash, std::span<const unsigned char>(der.data(), *der_len));
}

bool verify_hmac(const KeyData& key, Alg alg, std::string_view input,
                 std::span<const unsigned char> tag) noexcept {
  // key_may_verify has checked that `alg` is the secret's own alg, the one its pad states were
  // prepared for when the key was sealed; a KeyData nobody sealed computes them for this call.
  if (key.hmac_pads) return key.hmac_pads->verify(input, tag);
  const auto pads = HmacPadStates::create(key.secret, alg);
  return pads && pads->verify(input, tag);
}

}  // namespace

bool verify_signature(const KeyData& key, Alg alg, std::string_view signing_input,
                      std::span<const unsigned char> signature) noexcept {
  bool ok = false;
  if (key_may_verify(key, alg)) {
    switch (alg_family(alg)) {
      case AlgFamily::hmac: ok = verify_hmac(key, alg, signing_input, signature); break;
      case AlgFamily::ecdsa: ok = verify_ecdsa(key, alg, signing_input, signature); break;
      case AlgFamily::rsa_pkcs1:
      case AlgFamily::rsa_pss:
        ok = signature_size_fits(key, signature.size()) && verify_rsa(key, alg, signing_input, signature);
        break;
      case AlgFamily::eddsa:
        ok = signature_size_fits(key, signature.size()) && verify_with_evp(key, alg, signing_input, signature);
        break;
    }
  }
  if (!ok) ERR_clear_error();
  return ok;
}

}  // namespace jwtcheck::detail
