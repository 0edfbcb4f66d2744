#include "dpop/proof_key_cache.hpp"

namespace jwtcheck::detail {

std::shared_ptr<const ProofKey> ProofKeyCache::find(Alg alg, std::string_view jwk_text) {
  std::lock_guard lock(mutex_);
  auto found = by_text_.find(jwk_text);
  if (found == by_text_.end() || found->second->alg != alg) return nullptr;
  recency_.splice(recency_.begin(), recency_, found->second);
  return found->second->key;
}

void ProofKeyCache::insert(Alg alg, std::string_view jwk_text, std::shared_ptr<const ProofKey> key) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  // The same text may be there already (another thread imported it too, or it was prepared for
  // another alg): the newer entry replaces it.
  if (auto found = by_text_.find(jwk_text); found != by_text_.end()) {
    const auto entry = found->second;
    by_text_.erase(found);  // first: its key is a view into the entry
    recency_.erase(entry);
  }
  if (recency_.size() == capacity_) {
    by_text_.erase(recency_.back().jwk_text);
    recency_.pop_back();
  }
  recency_.push_front(Entry{std::string(jwk_text), alg, std::move(key)});
  try {
    by_text_.emplace(recency_.front().jwk_text, recency_.begin());
  } catch (...) {  // out of memory: the list and the index stay in step
    recency_.pop_front();
    throw;
  }
}

std::size_t ProofKeyCache::size() const {
  std::lock_guard lock(mutex_);
  return recency_.size();
}

}  // namespace jwtcheck::detail
