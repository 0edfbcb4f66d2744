// Per-thread OpenSSL verification state, built once per (key id, alg) and reused by every verify
// on that thread, so a verify copies no context (OpenSSL 3.0 context copies cost 4-11 mallocs).
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"

#include <openssl/evp.h>

#include <cstddef>

namespace jwtcheck::detail {

/// Slots per thread in the verifier cache: bounded so rotating keys never grow it.
inline constexpr std::size_t kThreadVerifierSlots = 32;

/// This thread's EVP_PKEY_CTX after EVP_PKEY_verify_init for `alg` (RS*, PS*, ES*) on key.pkey,
/// with its padding and signature digest set; built on first use. Null when OpenSSL refuses.
EVP_PKEY_CTX* thread_pkey_verifier(const KeyData& key, Alg alg) noexcept;

}  // namespace jwtcheck::detail
