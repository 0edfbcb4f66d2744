// What a Verifier holds: the checked policy, its options, the OpenSSL algorithms it fetched, and
// where its keys come from. Immutable once built (the memo and the cache synchronise themselves).
#pragma once

#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/verifier_options.hpp>

#include "crypto/openssl_algorithms.hpp"
#include "crypto/prepared_key_set.hpp"
#include "verify/alg_set.hpp"
#include "verify/claim_requirements.hpp"
#include "verify/key_selection.hpp"
#include "verify/verified_token_cache.hpp"

#include <atomic>
#include <cstddef>
#include <memory>

namespace jwtcheck {

// Verifier::Impl is the opaque type the public header declares; inside the library it is known
// as detail::VerifierState.
struct Verifier::Impl {
  Policy policy;                              ///< as given
  VerifierOptions options;                    ///< as given, with the clock defaulted
  detail::AlgSet allowed;                     ///< the effective allowlist
  std::vector<detail::PreparedRequirement> requirements;  ///< policy.required_claims, prepared (they point into `policy`)
  std::shared_ptr<const detail::OpensslAlgorithms> algorithms;  ///< fetched for `allowed` at creation
  std::shared_ptr<const detail::PreparedKeySet> fixed_keys;     ///< a fixed key set, prepared at creation
  std::shared_ptr<KeySource> source;          ///< otherwise: asked on every call
  std::unique_ptr<detail::PreparedKeySetMemo> memo;   ///< with `source`: prepares the sets it hands out
  std::unique_ptr<detail::VerifiedTokenCache> cache;  ///< when options.cache_entries > 0 and a key has a thumbprint
  /// Made by the one-key Verifier::create: the one key verifies every token, whatever its kid.
  bool single_key = false;
  mutable std::atomic<std::size_t> key_waiters{0};  ///< verify calls waiting for a key-set refresh now
};

namespace detail {

using VerifierState = Verifier::Impl;

/// What a verify with this state may do about an unknown kid.
inline UnknownKidRefresh unknown_kid_refresh(const VerifierState& state) noexcept {
  return UnknownKidRefresh{state.source.get(), state.memo.get(), state.options.max_key_wait, state.options.max_key_waiters,
                    &state.key_waiters};
}

/// VerifierOptions::cache_entries above this is refused (a typo, not a cache size).
inline constexpr std::size_t kMaxCacheEntries = 1u << 24;

/// Checks `policy` and `options` against the key source, fetches the OpenSSL algorithms and
/// builds the state. HS* may be allowed only when listed explicitly and the key set is fixed (a
/// StaticKeySource or KeySet) and holds an HMAC key for it: a remote JWKS never carries HMAC
/// secrets, so HS* with any other source is refused rather than left to fail on every token.
/// Errors: invalid_policy (also when no loaded provider offers an allowed algorithm under the
/// options' property query).
Result<std::shared_ptr<const VerifierState>> make_verifier_state(Policy policy, std::shared_ptr<KeySource> source,
                                                                 VerifierOptions options, bool single_key = false);

}  // namespace detail

}  // namespace jwtcheck
