#include <jwtcheck/key_set.hpp>

#include <bit>
#include <cstring>
#include <limits>

namespace jwtcheck {

namespace {

// Hashes a kid 8 bytes at a time (kids are short: a few bytes to a base64url thumbprint). Not
// seeded: the table holds the tenant's keys, a token only chooses which run of slots is read,
// and no run is longer than the key set.
std::size_t kid_hash(std::string_view kid) noexcept {
  constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ull;
  const auto load = [&](std::size_t at, auto word) {
    std::memcpy(&word, kid.data() + at, sizeof word);
    return std::uint64_t{word};
  };
  const std::size_t n = kid.size();
  std::uint64_t h = n * kMultiplier;
  std::uint64_t last = 0;  // the bytes after the whole words, read as overlapping loads
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) h = (h ^ load(i, std::uint64_t{})) * kMultiplier;
    last = load(n - 8, std::uint64_t{});
  } else if (n >= 4) {
    last = load(0, std::uint32_t{}) | load(n - 4, std::uint32_t{}) << 32;
  } else if (n > 0) {
    last = load(0, std::uint8_t{}) | load(n / 2, std::uint8_t{}) << 8 | load(n - 1, std::uint8_t{}) << 16;
  }
  h = (h ^ last) * kMultiplier;
  return static_cast<std::size_t>(h ^ (h >> 32));
}

}  // namespace

KeySet::KeySet(std::vector<Key> keys) : keys_(std::move(keys)) {
  if (keys_.empty()) return;
  by_kid_.resize(std::bit_ceil(2 * keys_.size()));
  const std::size_t mask = by_kid_.size() - 1;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    std::size_t slot = kid_hash(keys_[i].kid()) & mask;
    while (by_kid_[slot].index != 0) slot = (slot + 1) & mask;
    by_kid_[slot] = KidSlot{keys_[i].kid(), static_cast<std::uint32_t>(i + 1)};
  }
}

template <class Visit>
void KeySet::for_each_with_kid(std::string_view kid, Visit&& visit) const {
  if (by_kid_.empty()) return;
  // Every key with this kid sits in the run of taken slots that starts at its hash.
  const std::size_t mask = by_kid_.size() - 1;
  for (std::size_t slot = kid_hash(kid) & mask; by_kid_[slot].index != 0; slot = (slot + 1) & mask)
    if (by_kid_[slot].kid == kid) visit(by_kid_[slot].index - 1);
}

const Key* KeySet::find(std::string_view kid, Alg alg) const noexcept {
  // Among keys sharing the kid, the earliest in the set wins, so the answer does not depend
  // on where the table put them.
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t usable = kNone;
  std::size_t any = kNone;
  for_each_with_kid(kid, [&](std::size_t i) {
    if (i < any) any = i;
    if (i < usable && keys_[i].can_verify(alg)) usable = i;
  });
  if (usable != kNone) return &keys_[usable];
  if (any != kNone) return &keys_[any];
  return nullptr;
}

bool KeySet::contains(std::string_view kid, std::string_view thumbprint) const noexcept {
  bool found = false;
  for_each_with_kid(kid, [&](std::size_t i) { found = found || keys_[i].thumbprint() == thumbprint; });
  return found;
}

}  // namespace jwtcheck
