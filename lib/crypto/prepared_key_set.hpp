// A KeySet with a KeyVerifier ready for every (key, alg) pair a Verifier allows: the crypto
// layer's per-key state, built once per key-set snapshot so that keys/ holds key material only.
#pragma once

#include <jwtcheck/key_set.hpp>

#include "alg_traits.hpp"
#include "crypto/key_verifier.hpp"
#include "crypto/openssl_algorithms.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace jwtcheck::detail {

class PreparedKeySet {
 public:
  /// Prepares every key of `keys` for each of `algs` it may verify. A pair the providers cannot
  /// serve is remembered with its error and reported when a token asks for it.
  PreparedKeySet(std::shared_ptr<const KeySet> keys, std::span<const Alg> algs, const OpensslAlgorithms& algorithms);

  const KeySet& keys() const noexcept { return *keys_; }
  const std::shared_ptr<const KeySet>& shared_keys() const noexcept { return keys_; }

  /// The verifier of `key` (which must be one of keys().keys()) for `alg`: an error when the key
  /// may not verify `alg`, or the providers refused it, or `alg` was not prepared.
  const Result<KeyVerifier>& verifier(const Key& key, Alg alg) const noexcept;

 private:
  using PerAlg = std::array<std::optional<Result<KeyVerifier>>, std::size(kAllAlgs)>;
  std::shared_ptr<const KeySet> keys_;
  std::vector<PerAlg> prepared_;  // parallel to keys_->keys()
};

/// The PreparedKeySet of the key set a KeySource returned last, rebuilt when the source hands out
/// another snapshot. Thread-safe.
class PreparedKeySetMemo {
 public:
  PreparedKeySetMemo(std::vector<Alg> algs, std::shared_ptr<const OpensslAlgorithms> algorithms)
      : algs_(std::move(algs)), algorithms_(std::move(algorithms)) {}

  std::shared_ptr<const PreparedKeySet> prepared(std::shared_ptr<const KeySet> keys) const;

 private:
  std::vector<Alg> algs_;
  std::shared_ptr<const OpensslAlgorithms> algorithms_;
  mutable std::mutex mutex_;  // guards last_ (a pointer copy; preparing a new set happens outside it)
  mutable std::shared_ptr<const PreparedKeySet> last_;
};

}  // namespace jwtcheck::detail
