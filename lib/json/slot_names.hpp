// The top-level members an ObjectScan keeps, by name: a short list, searched in order.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace jwtcheck::detail {

/// How many members one scan can keep.
inline constexpr std::size_t kMaxScanSlots = 13;  // the claims jwtcheck reads (claim_slots.hpp)

class SlotNames {
 public:
  /// Keeps nothing: a scan that only validates.
  consteval SlotNames() = default;

  /// Keeps `names`, each in the slot of its index. Distinct, non-empty names only.
  template <std::size_t N>
  consteval explicit SlotNames(const std::string_view (&names)[N]) : size_(N) {
    static_assert(N <= kMaxScanSlots, "more names than an ObjectScan has slots");
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i].empty()) throw "a kept name is empty";
      for (std::size_t j = 0; j < i; ++j)
        if (names[j] == names[i]) throw "a kept name is listed twice";
      names_[i] = names[i];
    }
  }

  /// The slot keeping the member `name`, or -1.
  constexpr int operator()(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < size_; ++i)
      if (names_[i] == name) return static_cast<int>(i);
    return -1;
  }

 private:
  std::array<std::string_view, kMaxScanSlots> names_{};
  std::size_t size_ = 0;
};

/// Keeps nothing.
inline constexpr SlotNames no_slots{};

}  // namespace jwtcheck::detail
