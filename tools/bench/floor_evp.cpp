// EVP floors for RSA (RS*, PS*), ECDSA (ES*) and EdDSA.
#include "ecdsa_raw_to_der.hpp"
#include "floor_cases.hpp"
#include "openssl_floor_keys.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include "openssl_handles.hpp"

#include <array>

namespace bench {
namespace {

using jwtcheck::Alg;
using jwtcheck::detail::MdCtxPtr;
using jwtcheck::detail::PkeyCtxPtr;

bool is_ecdsa(Alg alg) { return alg == Alg::ES256 || alg == Alg::ES384 || alg == Alg::ES512; }

struct SharedKey {
  Alg alg;
  std::shared_ptr<EVP_PKEY> pkey;
  std::shared_ptr<EVP_MD> md;  // null for EdDSA
};

// The signature in the encoding OpenSSL verifies: DER for ECDSA (into `der`), as sent otherwise.
std::span<const unsigned char> openssl_signature(Alg alg, const Sample& s,
                                                 std::array<unsigned char, max_ecdsa_der_bytes>& der) {
  if (!is_ecdsa(alg)) return s.signature;
  return {der.data(), ecdsa_raw_to_der(s.signature, der)};
}

bool finish(int rc) {
  if (rc == 1) return true;
  ERR_clear_error();
  return false;
}

bool init_verify(EVP_MD_CTX* ctx, const SharedKey& k) {
  EVP_PKEY_CTX* pctx = nullptr;
  return EVP_DigestVerifyInit(ctx, &pctx, k.md.get(), nullptr, k.pkey.get()) == 1 && configure_padding(pctx, k.alg);
}

bool digest_verify(EVP_MD_CTX* ctx, const SharedKey& k, const Sample& s) {
  std::array<unsigned char, max_ecdsa_der_bytes> der;
  const auto sig = openssl_signature(k.alg, s, der);
  return finish(EVP_DigestVerify(ctx, sig.data(), sig.size(),
                                 reinterpret_cast<const unsigned char*>(s.signing_input.data()), s.signing_input.size()));
}

// Plain: one reused EVP_MD_CTX, reset and initialised for the key on every call.
BenchCase reset_init_case(const SharedKey& k) {
  return {floor_reset_init, CaseKind::floor, [k] {
            auto ctx = std::make_shared<MdCtxPtr>(EVP_MD_CTX_new());
            return VerifyFn([k, ctx](const Sample& s) {
              EVP_MD_CTX_reset(ctx->get());
              return finish(init_verify(ctx->get(), k) ? 1 : 0) && digest_verify(ctx->get(), k, s);
            });
          }, {}, 1};
}

// A context initialised once per key; each call verifies on a copy (the copy dups the provider ctx).
BenchCase copy_template_case(const SharedKey& k) {
  auto tmpl = std::make_shared<MdCtxPtr>(EVP_MD_CTX_new());
  if (!init_verify(tmpl->get(), k)) fail("floor: cannot initialise the template verify context");
  return {"openssl evp: copy of a pre-initialised ctx", CaseKind::floor, [k, tmpl] {
            auto work = std::make_shared<MdCtxPtr>(EVP_MD_CTX_new());
            return VerifyFn([k, tmpl, work](const Sample& s) {
              if (EVP_MD_CTX_copy_ex(work->get(), tmpl->get()) != 1) return finish(0);
              return digest_verify(work->get(), k, s);
            });
          }, {}, 1};
}

// Hash with a reused digest ctx, then EVP_PKEY_verify on a PKEY_CTX initialised once (per thread).
BenchCase digest_then_pkey_verify_case(const SharedKey& k) {
  return {"openssl evp: digest + pre-initialised PKEY_CTX", CaseKind::floor, [k] {
            auto md_ctx = std::make_shared<MdCtxPtr>(EVP_MD_CTX_new());
            auto pctx = std::make_shared<PkeyCtxPtr>(EVP_PKEY_CTX_new_from_pkey(nullptr, k.pkey.get(), nullptr));
            if (!*pctx || EVP_PKEY_verify_init(pctx->get()) != 1 ||
                EVP_PKEY_CTX_set_signature_md(pctx->get(), k.md.get()) != 1 || !configure_padding(pctx->get(), k.alg))
              fail("floor: cannot initialise the PKEY_CTX");
            return VerifyFn([k, md_ctx, pctx](const Sample& s) {
              unsigned char hash[EVP_MAX_MD_SIZE];
              unsigned int hash_len = 0;
              if (EVP_DigestInit_ex(md_ctx->get(), k.md.get(), nullptr) != 1 ||
                  EVP_DigestUpdate(md_ctx->get(), s.signing_input.data(), s.signing_input.size()) != 1 ||
                  EVP_DigestFinal_ex(md_ctx->get(), hash, &hash_len) != 1)
                return finish(0);
              std::array<unsigned char, max_ecdsa_der_bytes> der;
              const auto sig = openssl_signature(k.alg, s, der);
              return finish(EVP_PKEY_verify(pctx->get(), sig.data(), sig.size(), hash, hash_len));
            });
          }, {}, 1};
}

}  // namespace

std::vector<BenchCase> evp_floor_cases(const AlgFixture& fixture) {
  const SharedKey k{fixture.alg, floor_public_key(fixture), floor_digest(fixture)};
  std::vector<BenchCase> cases{reset_init_case(k), copy_template_case(k)};
  if (fixture.alg != Alg::EdDSA) cases.push_back(digest_then_pkey_verify_case(k));  // Ed25519 has no prehash mode here
  return cases;
}

}  // namespace bench
