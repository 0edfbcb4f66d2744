// Choosing the key for a token and checking its signature. The key comes only from the
// verifier's key set, by the header "kid" and the allowed alg: embedded keys and key URLs in
// the header (jwk, jku, x5u, x5c) are never looked at (RFC 8725 §3.10).
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/key_set.hpp>

#include "crypto/prepared_key_set.hpp"
#include "token/jose_header.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

/// Without a kid, at most this many keys that can verify the alg are tried (in key set order),
/// so a large key set cannot turn one token into many signature checks.
inline constexpr std::size_t kMaxKeysTriedWithoutKid = 8;

/// The key set one verification uses. A fixed set is only borrowed (no reference counting on
/// the verify path); a set from a KeySource is held until the verification ends.
struct KeySetInUse {
  const PreparedKeySet* set = nullptr;
  std::shared_ptr<const PreparedKeySet> held;
};

/// Where a verify may ask for a newer key set when a kid is unknown, and how long it may wait.
struct UnknownKidRefresh {
  KeySource* source = nullptr;                  ///< null: a fixed key set, never refreshed
  const PreparedKeySetMemo* memo = nullptr;     ///< prepares what the source returns
  std::chrono::milliseconds max_wait{0};        ///< VerifierOptions::max_key_wait
  std::size_t max_waiters = 0;                  ///< VerifierOptions::max_key_waiters
  std::atomic<std::size_t>* waiters = nullptr;  ///< the verifier's count of calls waiting now
};

/// With a kid: the key with that kid (after one refresh_for_unknown_kid when `refresh.source` is
/// given and the kid is unknown; the call waits up to max_wait only if fewer than max_waiters
/// calls of this verifier are waiting, else not at all) must be able to verify `alg` (else
/// key_mismatch) and must verify the signature (else bad_signature); no such kid is
/// key_not_found (retryable while the source says a refresh is pending). Without a kid: the
/// first of up to kMaxKeysTriedWithoutKid keys that can verify `alg` and verifies the signature;
/// none that can verify `alg` is key_not_found, none that verifies is bad_signature.
Result<const Key*> verify_with_key_set(KeySetInUse& keys, const UnknownKidRefresh& refresh, const JoseHeader& header, Alg alg,
                                       std::string_view signing_input, std::span<const unsigned char> signature);

}  // namespace jwtcheck::detail
