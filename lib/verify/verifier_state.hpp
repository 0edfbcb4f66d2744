// What a Verifier holds: the checked policy and where its keys come from. Immutable once built.
#pragma once

#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/verifier_options.hpp>

#include "verify/alg_set.hpp"
#include "verify/key_selection.hpp"
#include "verify/verified_token_cache.hpp"

#include <atomic>
#include <cstddef>
#include <memory>

namespace jwtcheck::detail {

struct VerifierState {
  Policy policy;                              ///< as given, with the clock defaulted
  AlgSet allowed;                             ///< the effective allowlist
  std::shared_ptr<const KeySet> fixed_keys;   ///< set for a fixed key set: borrowed per call, never re-counted
  std::shared_ptr<KeySource> source;          ///< set otherwise: asked on every call
  std::unique_ptr<VerifiedTokenCache> cache;  ///< when cache_entries > 0 and a key has a thumbprint; synchronised
  VerifierOptions options;                    ///< as given (max_key_wait and max_key_waiters are used so far)
  mutable std::atomic<std::size_t> key_waiters{0};  ///< verify calls waiting for a key-set refresh now
};

/// What a verify with this state may do about an unknown kid.
inline UnknownKidRefresh unknown_kid_refresh(const VerifierState& state) noexcept {
  return UnknownKidRefresh{state.source.get(), state.options.max_key_wait, state.options.max_key_waiters,
                           &state.key_waiters};
}

/// Checks `policy` against the key source and builds the state. HS* may be allowed only when
/// listed explicitly and the key set is fixed (a StaticKeySource or KeySet) and holds an HMAC
/// key for it: a remote JWKS never carries HMAC secrets, so HS* with any other source is
/// refused rather than left to fail on every token. Errors: invalid_policy.
/// Policy::cache_entries above this is refused (a typo, not a cache size).
inline constexpr std::size_t kMaxCacheEntries = 1u << 24;
Result<std::shared_ptr<const VerifierState>> make_verifier_state(Policy policy, std::shared_ptr<KeySource> source,
                                                                 VerifierOptions options = {});

}  // namespace jwtcheck::detail
