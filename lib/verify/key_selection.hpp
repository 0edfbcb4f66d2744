// Choosing the key for a token and checking its signature. The key comes only from the
// verifier's key set, by the header "kid" and the allowed alg: embedded keys and key URLs in
// the header (jwk, jku, x5u, x5c) are never looked at (RFC 8725 §3.10).
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/key_set.hpp>

#include "crypto/prepared_key_set.hpp"
#include "token/jose_header.hpp"

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

/// Where a newer key set comes from when a token names an unknown kid (absent for fixed sets).
struct KeyRefresh {
  KeySource* source = nullptr;
  const PreparedKeySetMemo* memo = nullptr;  // prepares what the source returns
};

/// With a kid: the key with that kid (after one refresh_for_unknown_kid when `refresh` has a source
/// and the kid is unknown) must be able to verify `alg` (else key_mismatch) and must verify the
/// signature (else bad_signature); no such kid is key_not_found. Without a kid: the first of up
/// to kMaxKeysTriedWithoutKid keys that can verify `alg` and verifies the signature; none that
/// can verify `alg` is key_not_found, none that verifies is bad_signature.
Result<const Key*> verify_with_key_set(KeySetInUse& keys, const KeyRefresh& refresh, const JoseHeader& header, Alg alg,
                                       std::string_view signing_input, std::span<const unsigned char> signature);

}  // namespace jwtcheck::detail
