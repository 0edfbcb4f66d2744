#include "crypto/thread_verifiers.hpp"

#include "crypto/alg_traits.hpp"
#include "crypto/verify_templates.hpp"

#include <openssl/err.h>

namespace jwtcheck::detail {

namespace {

using FetchedMdPtr = std::unique_ptr<EVP_MD, OpenSslDeleter<EVP_MD_free>>;

// One slot of the direct-mapped cache. A slot only ever answers for the exact (key_id, alg) it
// was built for; the contexts hold their own references to the key, so they stay valid after
// the KeyData is gone (and a new KeyData never gets the old id).
struct VerifierSlot {
  std::uint64_t key_id = 0;  // 0 = empty
  Alg alg = Alg::RS256;
  PkeyCtxPtr pkey_ctx;
};

VerifierSlot& slot_for(const KeyData& key, Alg alg) noexcept {
  thread_local std::array<VerifierSlot, kThreadVerifierSlots> slots;
  return slots[(key.id * KeyData::kAlgCount + alg_index(alg)) % slots.size()];
}

bool holds(const VerifierSlot& slot, const KeyData& key, Alg alg) noexcept {
  return slot.key_id != 0 && slot.key_id == key.id && slot.alg == alg;
}

// Empties the slot (freeing the previous key's contexts) before it is refilled.
void evict(VerifierSlot& slot) noexcept {
  slot.key_id = 0;
  slot.pkey_ctx.reset();
}

std::size_t digest_index(Alg alg) noexcept { return alg_hash_bytes(alg) / 16 - 2; }  // 32/48/64 → 0/1/2

// Fetched once per process: EVP_sha256() and friends would make every EVP_DigestInit_ex2 fetch again.
const EVP_MD* fetched_digest(Alg alg) noexcept {
  static const std::array<FetchedMdPtr, 3> digests{FetchedMdPtr(EVP_MD_fetch(nullptr, "SHA256", nullptr)),
                                                   FetchedMdPtr(EVP_MD_fetch(nullptr, "SHA384", nullptr)),
                                                   FetchedMdPtr(EVP_MD_fetch(nullptr, "SHA512", nullptr))};
  return digests[digest_index(alg)].get();
}

PkeyCtxPtr make_pkey_verifier(const KeyData& key, Alg alg) noexcept {
  const EVP_MD* md = fetched_digest(alg);
  PkeyCtxPtr ctx(key.pkey && md ? EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey.get(), nullptr) : nullptr);
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1 ||
      !configure_rsa_padding(ctx.get(), alg)) {
    ERR_clear_error();
    return nullptr;
  }
  return ctx;
}

}  // namespace

EVP_PKEY_CTX* thread_pkey_verifier(const KeyData& key, Alg alg) noexcept {
  VerifierSlot& slot = slot_for(key, alg);
  if (holds(slot, key, alg) && slot.pkey_ctx) return slot.pkey_ctx.get();
  evict(slot);
  slot.pkey_ctx = make_pkey_verifier(key, alg);
  if (slot.pkey_ctx) {
    slot.key_id = key.id;
    slot.alg = alg;
  }
  return slot.pkey_ctx.get();
}

}  // namespace jwtcheck::detail
