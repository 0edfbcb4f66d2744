#include "keys/key_data.hpp"
#include "crypto/prepared_key_set.hpp"

#include <functional>

namespace jwtcheck::detail {

PreparedKeySet::PreparedKeySet(std::shared_ptr<const KeySet> keys, std::span<const Alg> algs,
                               const OpensslAlgorithms& algorithms)
    : keys_(std::move(keys)), prepared_(keys_->size()) {
  const auto all = keys_->keys();
  for (std::size_t i = 0; i < all.size(); ++i)
    for (Alg alg : algs)
      if (all[i].can_verify(alg)) prepared_[i][alg_index(alg)].emplace(KeyVerifier::create(key_data(all[i]), alg, algorithms));
}

const Result<KeyVerifier>& PreparedKeySet::verifier(const Key& key, Alg alg) const noexcept {
  static const Result<KeyVerifier> not_prepared(
      Error{ErrorCode::key_mismatch, "this key was not prepared for the algorithm (not allowed, or it may not verify it)"});
  const auto all = keys_->keys();
  const std::less_equal<const Key*> before_or_at;
  if (all.empty() || !before_or_at(all.data(), &key) || !before_or_at(&key, &all.back())) return not_prepared;
  const auto& slot = prepared_[static_cast<std::size_t>(&key - all.data())][alg_index(alg)];
  return slot ? *slot : not_prepared;
}

std::shared_ptr<const PreparedKeySet> PreparedKeySetMemo::prepared(std::shared_ptr<const KeySet> keys) const {
  {
    std::lock_guard lock(mutex_);
    if (last_ && last_->shared_keys() == keys) return last_;
  }
  // A new snapshot: prepared outside the lock (two threads may both prepare it; the last wins).
  auto fresh = std::make_shared<const PreparedKeySet>(std::move(keys), algs_, *algorithms_);
  std::lock_guard lock(mutex_);
  last_ = fresh;
  return fresh;
}

}  // namespace jwtcheck::detail
