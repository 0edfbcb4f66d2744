// The jti values of accepted DPoP proofs, to refuse a second use (RFC 9449 §11.1). Bounded: it
// never holds more than its capacity and never forgets an entry before it expires, so a flood of
// fresh proofs can fill it (new proofs are then refused) but never flush it to let a replay through.
#pragma once

#include <openssl/types.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <queue>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace jwtcheck::detail {

class ReplayCache {
 public:
  /// Holds at most `capacity` entries (at least 1); the salt comes from `libctx`'s DRBG.
  ReplayCache(std::size_t capacity, OSSL_LIB_CTX* libctx);
  ReplayCache(const ReplayCache&) = delete;
  ReplayCache& operator=(const ReplayCache&) = delete;

  enum class Outcome { recorded, replayed, full };

  /// Records the proof identified by (`jkt`, `jti`) until `expires_at`, unless it is already
  /// there (replayed) or the cache is full of entries alive at `now` (full). Entries that expired
  /// before `now` are dropped first. `sha256` (the owner's, fetched from its OpenSSL context)
  /// hashes the entry. Thread-safe.
  Outcome record(std::string_view jkt, std::string_view jti, std::int64_t expires_at, std::int64_t now,
                 const EVP_MD* sha256);

  /// Entries held (for tests and monitoring).
  std::size_t size() const;

 private:
  // SHA-256 of a per-cache random salt, jkt and jti: 32 bytes whatever the jti's length, and
  // buckets no client can aim at.
  using Digest = std::array<unsigned char, 32>;
  struct DigestHash {
    std::size_t operator()(const Digest& digest) const noexcept;
  };
  using Expiry = std::pair<std::int64_t, Digest>;

  Digest digest_of(std::string_view jkt, std::string_view jti, const EVP_MD* sha256) const;
  void drop_expired(std::int64_t now);

  const std::size_t capacity_;
  std::array<unsigned char, 16> salt_{};
  mutable std::mutex mutex_;
  std::unordered_set<Digest, DigestHash> live_;                                     // guarded by mutex_
  std::priority_queue<Expiry, std::vector<Expiry>, std::greater<Expiry>> expiry_;  // guarded by mutex_; soonest first
};

}  // namespace jwtcheck::detail
