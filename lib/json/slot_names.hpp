// The top-level members an ObjectScan keeps, by name. A perfect hash is built at compile time,
// so finding a name's slot is a few inline instructions and one comparison: an indirect call to
// a lookup function per member name cost about 3 % of an HS256 verify.
#pragma once

#include "same_name.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jwtcheck::detail {

/// How many members one scan can keep.
inline constexpr std::size_t kMaxScanSlots = 13;  // the claims jwtcheck reads (claim_slots.hpp)

class SlotNames {
 public:
  /// Keeps nothing: a scan that only validates.
  consteval SlotNames() = default;

  /// Keeps `names`, each in the slot of its index. Distinct names only; a set no multiplier
  /// separates fails to compile.
  template <std::size_t N>
  consteval explicit SlotNames(const std::string_view (&names)[N]) {
    static_assert(N <= kMaxScanSlots, "more names than an ObjectScan has slots");
    for (std::uint64_t attempt = 1;; ++attempt) {
      if (attempt > 10000) throw "no perfect hash for these names";
      multiplier_ = scrambled(attempt) | 1;
      Table table{};
      bool separated = true;
      for (std::size_t i = 0; i < N && separated; ++i) {
        Entry& e = table[bucket(names[i])];
        separated = e.slot < 0;
        e = Entry{names[i], static_cast<int>(i)};
      }
      if (separated) {
        table_ = table;
        return;
      }
    }
  }

  /// The slot keeping the member `name`, or -1.
  constexpr int operator()(std::string_view name) const noexcept {
    const Entry& e = table_[bucket(name)];
    return same_name(e.name, name) ? e.slot : -1;
  }

 private:
  struct Entry {
    std::string_view name;
    int slot = -1;  // -1: empty (its name is "", which no kept member has: "" finds -1 either way)
  };
  static constexpr unsigned kBucketBits = 5;
  using Table = std::array<Entry, std::size_t{1} << kBucketBits>;

  // Well-spread odd multipliers to try (neighbouring ones would pick nearly the same buckets).
  static constexpr std::uint64_t scrambled(std::uint64_t x) noexcept {
    x *= 0x9e3779b97f4a7c15ull;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    return x ^ x >> 29;
  }

  // Length, first two and last bytes, multiplied: the top bits pick the bucket.
  constexpr std::size_t bucket(std::string_view name) const noexcept {
    const std::size_t n = name.size();
    const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(name[i])}; };
    const std::uint64_t key = n == 0 ? 0 : (n | byte(0) << 8 | (n > 1 ? byte(1) : 0) << 16 | byte(n - 1) << 24);
    return static_cast<std::size_t>((key * multiplier_) >> (64 - kBucketBits));
  }

  std::uint64_t multiplier_ = 1;
  Table table_{};
};

/// Keeps nothing.
inline constexpr SlotNames no_slots{};

}  // namespace jwtcheck::detail
