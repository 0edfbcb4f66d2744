// A bounded cache of tokens that passed every check, so a repeated token skips decoding and the
// signature (in the spirit of Envoy's jwt_authn token cache). Owned by one Verifier (one policy,
// one key source): entries are only ever valid for the checks that verifier made.
//
// Safety rules it keeps:
//  - keyed by the exact token bytes, compared in full; the hash only picks a bucket;
//  - an entry lives at most until the token's exp (tokens without exp are not cached);
//  - an entry answers only while the key a fresh verify would pick for the token (its kid and
//    alg looked up in the current key set) is the very key object that verified it: any key-set
//    change that could change the verdict (the key removed, rotated, its use / alg / key_ops
//    changed, another key first under its kid) makes the lookup a miss. Keys without a
//    thumbprint (HMAC secrets) are never cached for, nor tokens without a kid (the Verifier);
//  - a hit returns the stored VerifiedData: the caller must still re-run the time checks (nbf,
//    iat, max_age, exp with leeway) against its clock; the cache only enforces now < exp.
// Thread-safe: sharded, a hit takes one shard's std::shared_mutex shared; eviction is CLOCK
// (second chance).
#pragma once

#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace jwtcheck::detail {

using VerifiedData = VerifiedToken::Impl;

/// The hash that spreads tokens over shards and buckets. Replaceable so tests can force collisions.
using TokenHash = std::size_t (*)(std::string_view token) noexcept;

/// std::hash over every byte of the token.
std::size_t full_token_hash(std::string_view token) noexcept;

class VerifiedTokenCache {
 public:
  /// Holds at most `capacity` tokens (0: stores nothing). `shards` = 0 picks a count from the
  /// capacity (up to 16); tests pass 1 to make eviction order deterministic.
  explicit VerifiedTokenCache(std::size_t capacity, TokenHash hash = full_token_hash, std::size_t shards = 0);
  ~VerifiedTokenCache();
  VerifiedTokenCache(const VerifiedTokenCache&) = delete;
  VerifiedTokenCache& operator=(const VerifiedTokenCache&) = delete;

  /// The data stored for exactly these token bytes, if present, `now` < its exp, and `keys`
  /// still picks the same key object for its kid and alg; nullptr otherwise (dropping a dead entry).
  std::shared_ptr<const VerifiedData> find(std::string_view token, std::int64_t now, const KeySet& keys);

  /// Remembers a token that passed every check with `key`, the key its kid picked.
  /// Does nothing when the capacity is 0, the token has no exp or `now` >= exp, or the key has
  /// no thumbprint. Evicts if full.
  void insert(std::string_view token, std::shared_ptr<const VerifiedData> data, const Key& key, std::int64_t now);

  /// Lookups so far: hits, and misses (absent, or found dead and dropped).
  VerifierCacheCounts counts() const noexcept;
  /// Entries held now (dead ones included until found or evicted).
  std::size_t size() const;
  /// The bound given at construction.
  std::size_t capacity() const noexcept { return capacity_; }

 private:
  struct Shard;
  Shard& shard_for(std::size_t hash) const noexcept;

  std::size_t capacity_;
  TokenHash hash_;
  std::size_t shard_count_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace jwtcheck::detail
