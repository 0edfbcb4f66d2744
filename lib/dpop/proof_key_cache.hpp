// The proof keys a DpopVerifier saw recently, imported and prepared to verify. A client signs all
// its proofs with one key, so its jwk is parsed, imported into OpenSSL, checked (point on the
// curve, RSA size), hashed (RFC 7638 thumbprint) and given a prepared verify context once, not
// per proof. kept: ES256, the time a proof adds to the access token's verify is 1.49–1.51× as
// long without it (3 same-run benchmarks, "verify + DPoP proof, key cache off" against "…, 1
// key"; docs/performance.md).
//
// An entry is what proof_key() and KeyVerifier::create made of one exact jwk text for one alg
// (under the verifier's fixed allow-list, limits and OpenSSL context): a hit returns what a fresh
// import would, so the cache never changes a verdict. Only keys that passed every check enter it.
// Bounded: at most `capacity` entries, the least recently used dropped first.
#pragma once

#include <jwtcheck/alg.hpp>

#include "dpop/proof_key.hpp"

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jwtcheck::detail {

class ProofKeyCache {
 public:
  /// Holds at most `capacity` keys; 0: holds none (every proof imports its key).
  explicit ProofKeyCache(std::size_t capacity) : capacity_(capacity) {}
  ProofKeyCache(const ProofKeyCache&) = delete;
  ProofKeyCache& operator=(const ProofKeyCache&) = delete;

  /// The key prepared for `alg` from exactly this jwk text, or null. Thread-safe.
  std::shared_ptr<const ProofKey> find(Alg alg, std::string_view jwk_text);

  /// Keeps `key`, prepared for `alg` from `jwk_text`, dropping the least recently used entry
  /// when full. Thread-safe.
  void insert(Alg alg, std::string_view jwk_text, std::shared_ptr<const ProofKey> key);

  /// Entries held (for tests).
  std::size_t size() const;

 private:
  struct Entry {
    std::string jwk_text;
    Alg alg;
    std::shared_ptr<const ProofKey> key;
  };
  using Recency = std::list<Entry>;  // most recently used first

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Recency recency_;                                                   // guarded by mutex_
  std::unordered_map<std::string_view, Recency::iterator> by_text_;  // guarded by mutex_; views into recency_
};

}  // namespace jwtcheck::detail
