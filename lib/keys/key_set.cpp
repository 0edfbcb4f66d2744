#include <jwtcheck/key_set.hpp>

#include <limits>

namespace jwtcheck {

KeySet::KeySet(std::vector<Key> keys) : keys_(std::move(keys)) {
  // The kid views point into each key's shared, immutable KeyData: they stay valid when the
  // KeySet (and its vector of Key handles) is copied or moved.
  by_kid_.reserve(keys_.size());
  for (std::size_t i = 0; i < keys_.size(); ++i) by_kid_.emplace(keys_[i].kid(), i);
}

const Key* KeySet::find(std::string_view kid, Alg alg) const noexcept {
  // Among keys sharing the kid, the earliest in the set wins, so the answer does not depend
  // on hash-table order.
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t usable = kNone;
  std::size_t any = kNone;
  const auto [first, last] = by_kid_.equal_range(kid);
  for (auto it = first; it != last; ++it) {
    const std::size_t i = it->second;
    if (i < any) any = i;
    if (i < usable && keys_[i].can_verify(alg)) usable = i;
  }
  if (usable != kNone) return &keys_[usable];
  if (any != kNone) return &keys_[any];
  return nullptr;
}

bool KeySet::contains(std::string_view kid, std::string_view thumbprint) const noexcept {
  const auto [first, last] = by_kid_.equal_range(kid);
  for (auto it = first; it != last; ++it)
    if (keys_[it->second].thumbprint() == thumbprint) return true;
  return false;
}

}  // namespace jwtcheck
