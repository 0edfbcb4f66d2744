// The inside of a jwtcheck::Key: a ready OpenSSL key plus the JWK metadata that limits its use.
#pragma once

#include <jwtcheck/key.hpp>

#include "crypto/hmac_pad_states.hpp"
#include "crypto/rsa_verifier.hpp"
#include "openssl_handles.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace jwtcheck::detail {

/// A new process-unique KeyData id (never 0, never reused); defined in lib/crypto/key_data_id.cpp.
std::uint64_t next_key_data_id() noexcept;

struct KeyData {
  KeyType type = KeyType::rsa;
  std::string kid;
  std::optional<Alg> alg;        // JWK "alg" (or the HMAC key's alg): the only alg it may verify
  std::string curve;             // "P-256", "P-384", "P-521", "Ed25519", "Ed448"; empty otherwise
  unsigned bits = 0;
  std::string thumbprint;        // RFC 7638, base64url; empty for oct
  bool usable_for_signatures = true;  // "use" absent or "sig", and "key_ops" absent or has "verify"
  PkeyPtr pkey;                  // RSA / EC / OKP public key; null for oct
  std::string secret;            // oct only; cleansed in the destructor
  // Per-algorithm state prepared once (pre-initialised digest / MAC contexts), filled by the
  // crypto module's prepare_verification() (lib/crypto/signature.hpp) when the key is built.
  // Only read afterwards, so many threads may copy from these templates at once.
  static constexpr std::size_t kAlgCount = static_cast<std::size_t>(Alg::HS512) + 1;
  std::array<MdCtxPtr, kAlgCount> verify_templates;  // indexed by Alg; null = not prepared
  std::unique_ptr<HmacPadStates> hmac_pads;           // oct only: `secret`'s pad states for `alg`
  std::unique_ptr<RsaVerifier> rsa;                   // RSA only, for RS* and PS*: modulus, exponent, Montgomery context
  // OpenSSL's legacy view of `pkey` (owned by it), for the low-level ES* verify call
  // (lib/crypto/legacy_verify.hpp); null when absent.
  const ec_key_st* legacy_ec = nullptr;
  // Identifies this key in the per-thread verifier caches (lib/crypto/thread_verifiers.hpp);
  // an address would not do, as a freed KeyData's address can be reused by another key.
  const std::uint64_t id = next_key_data_id();

  KeyData() = default;
  KeyData(const KeyData&) = delete;
  KeyData& operator=(const KeyData&) = delete;
  ~KeyData();
};

}  // namespace jwtcheck::detail
