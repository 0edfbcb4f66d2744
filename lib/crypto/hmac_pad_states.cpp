// The SHA256_* / SHA512_* calls are OpenSSL's low-level hash API, deprecated in 3.0 but kept:
// it is the only way to copy a hash state without an allocation (EVP_MD_CTX_copy_ex and
// EVP_MAC_CTX_dup allocate and go through the provider on every call).
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/hmac_pad_states.hpp"

#include "crypto/alg_traits.hpp"
#include "crypto/constant_time.hpp"

#include <openssl/sha.h>

#include <array>
#include <cstddef>

namespace jwtcheck::detail {

namespace {

// SHA-256 and SHA-384/512 differ in state type, block size and entry points; the rest is shared.
struct Sha256 {
  using Ctx = SHA256_CTX;
  static constexpr std::size_t block = SHA256_CBLOCK;
  static void init(Ctx* c, std::size_t) noexcept { SHA256_Init(c); }
  static void update(Ctx* c, const void* p, std::size_t n) noexcept { SHA256_Update(c, p, n); }
  static void final(unsigned char* out, Ctx* c, std::size_t) noexcept { SHA256_Final(out, c); }
};

struct Sha512 {  // SHA-384 is SHA-512 with other initial values, truncated
  using Ctx = SHA512_CTX;
  static constexpr std::size_t block = SHA512_CBLOCK;
  static void init(Ctx* c, std::size_t hash_bytes) noexcept { hash_bytes == 48 ? SHA384_Init(c) : SHA512_Init(c); }
  static void update(Ctx* c, const void* p, std::size_t n) noexcept { SHA512_Update(c, p, n); }
  static void final(unsigned char* out, Ctx* c, std::size_t hash_bytes) noexcept {
    hash_bytes == 48 ? SHA384_Final(out, c) : SHA512_Final(out, c);
  }
};

template <class Hash>
struct PadPair {
  typename Hash::Ctx inner, outer;

  // RFC 2104 §2: a key longer than a block is hashed first; then zero-padded to a block.
  void absorb_key(std::string_view secret, std::size_t hash_bytes) noexcept {
    std::array<unsigned char, Hash::block> key{};
    if (secret.size() > key.size()) {
      typename Hash::Ctx ctx;
      Hash::init(&ctx, hash_bytes);
      Hash::update(&ctx, secret.data(), secret.size());
      Hash::final(key.data(), &ctx, hash_bytes);
      wipe(&ctx, sizeof ctx);
    } else {
      std::copy(secret.begin(), secret.end(), key.begin());
    }
    std::array<unsigned char, Hash::block> pad;
    for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = key[i] ^ 0x36;
    Hash::init(&inner, hash_bytes);
    Hash::update(&inner, pad.data(), pad.size());
    for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = key[i] ^ 0x5c;
    Hash::init(&outer, hash_bytes);
    Hash::update(&outer, pad.data(), pad.size());
    wipe(key.data(), key.size());
    wipe(pad.data(), pad.size());
  }

  bool verify(std::string_view input, std::span<const unsigned char> tag, std::size_t hash_bytes) const noexcept {
    if (tag.size() != hash_bytes) return false;  // truncated or padded tags never verify
    // Everything that could help forge a tag sits together and is wiped with one call.
    struct Scratch {
      typename Hash::Ctx ctx;
      std::array<unsigned char, SHA512_DIGEST_LENGTH> inner_hash, expected;
    } s;
    s.ctx = inner;
    Hash::update(&s.ctx, input.data(), input.size());
    Hash::final(s.inner_hash.data(), &s.ctx, hash_bytes);
    s.ctx = outer;
    Hash::update(&s.ctx, s.inner_hash.data(), hash_bytes);
    Hash::final(s.expected.data(), &s.ctx, hash_bytes);
    const bool ok = constant_time_equal(s.expected.data(), tag.data(), hash_bytes);
    wipe(&s, sizeof s);
    return ok;
  }
};

}  // namespace

struct HmacPadStates::States {
  PadPair<Sha256> sha256;
  PadPair<Sha512> sha512;
};

HmacPadStates::HmacPadStates(Alg alg) noexcept : alg_(alg) {}

HmacPadStates::~HmacPadStates() {
  if (states_) wipe(states_.get(), sizeof(States));
}

std::unique_ptr<HmacPadStates> HmacPadStates::create(std::string_view secret, Alg alg) noexcept {
  if (alg_family(alg) != AlgFamily::hmac || secret.empty()) return nullptr;
  std::unique_ptr<HmacPadStates> pads(new (std::nothrow) HmacPadStates(alg));
  if (!pads) return nullptr;
  pads->states_.reset(new (std::nothrow) States{});
  if (!pads->states_) return nullptr;
  const std::size_t hash_bytes = alg_hash_bytes(alg);
  if (hash_bytes == 32)
    pads->states_->sha256.absorb_key(secret, hash_bytes);
  else
    pads->states_->sha512.absorb_key(secret, hash_bytes);
  return pads;
}

bool HmacPadStates::verify(std::string_view input, std::span<const unsigned char> tag) const noexcept {
  const std::size_t hash_bytes = alg_hash_bytes(alg_);
  return hash_bytes == 32 ? states_->sha256.verify(input, tag, hash_bytes)
                          : states_->sha512.verify(input, tag, hash_bytes);
}

}  // namespace jwtcheck::detail
