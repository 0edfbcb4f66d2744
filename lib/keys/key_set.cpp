#include <jwtcheck/key_set.hpp>

#include <bit>
#include <cstdint>
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

// Open addressing by kid hash; a power-of-two size at least twice the key count, so a run of
// taken slots always ends.
struct KeySet::Impl {
  struct KidSlot {
    std::string_view kid;     // points into the key's shared data: valid as long as keys is
    std::uint32_t index = 0;  // into keys, plus one; 0: empty
  };

  std::vector<Key> keys;
  std::vector<KidSlot> by_kid;

  explicit Impl(std::vector<Key> all) : keys(std::move(all)) {
    by_kid.resize(std::bit_ceil(2 * keys.size()));
    const std::size_t mask = by_kid.size() - 1;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      std::size_t slot = kid_hash(keys[i].kid()) & mask;
      while (by_kid[slot].index != 0) slot = (slot + 1) & mask;
      by_kid[slot] = KidSlot{keys[i].kid(), static_cast<std::uint32_t>(i + 1)};
    }
  }

  template <class Visit>
  void for_each_with_kid(std::string_view kid, Visit&& visit) const {
    // Every key with this kid sits in the run of taken slots that starts at its hash.
    const std::size_t mask = by_kid.size() - 1;
    for (std::size_t slot = kid_hash(kid) & mask; by_kid[slot].index != 0; slot = (slot + 1) & mask)
      if (by_kid[slot].kid == kid) visit(by_kid[slot].index - 1);
  }
};

KeySet::KeySet() noexcept = default;

KeySet::KeySet(std::vector<Key> keys) {
  if (!keys.empty()) impl_ = std::make_shared<const Impl>(std::move(keys));
}

std::span<const Key> KeySet::keys() const noexcept {
  if (!impl_) return {};
  return impl_->keys;
}
std::size_t KeySet::size() const noexcept { return impl_ ? impl_->keys.size() : 0; }
bool KeySet::empty() const noexcept { return size() == 0; }

const Key* KeySet::find(std::string_view kid, Alg alg) const noexcept {
  // Among keys sharing the kid, the earliest in the set wins, so the answer does not depend
  // on where the table put them.
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t usable = kNone;
  std::size_t any = kNone;
  if (!impl_) return nullptr;
  const std::vector<Key>& keys = impl_->keys;
  impl_->for_each_with_kid(kid, [&](std::size_t i) {
    if (i < any) any = i;
    if (i < usable && keys[i].can_verify(alg)) usable = i;
  });
  if (usable != kNone) return &keys[usable];
  if (any != kNone) return &keys[any];
  return nullptr;
}

bool KeySet::contains(std::string_view kid, std::string_view thumbprint) const noexcept {
  bool found = false;
  if (!impl_) return false;
  const std::vector<Key>& keys = impl_->keys;
  impl_->for_each_with_kid(kid, [&](std::size_t i) { found = found || keys[i].thumbprint() == thumbprint; });
  return found;
}

}  // namespace jwtcheck
