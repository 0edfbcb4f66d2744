// Equality for the short strings a verify compares: claim and member names, scopes, issuer,
// audience, gty, azp. Inlined, with loads sized to the call: a shared memcmp sees a different
// length from each caller, and its length dispatch mispredicts (about 4 % of an HS256 verify).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace jwtcheck::detail {

namespace same_name_impl {

template <class Word>
Word load(const char* p) noexcept {
  Word w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

}  // namespace same_name_impl

/// Whether the `n` bytes at `a` and `b` are equal. Reads only those bytes: 8 at a time (the
/// last word overlapping the one before), or two overlapping 4-byte words, or up to 3 bytes.
// Always inlined: each call site then has its own branches, sized to its own strings.
[[gnu::always_inline]] constexpr bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  using same_name_impl::load;
  if (std::is_constant_evaluated()) return std::string_view(a, n) == std::string_view(b, n);
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (load<std::uint64_t>(a + i) != load<std::uint64_t>(b + i)) return false;
    return load<std::uint64_t>(a + n - 8) == load<std::uint64_t>(b + n - 8);
  }
  if (n >= 4)
    return ((load<std::uint32_t>(a) ^ load<std::uint32_t>(b)) |
            (load<std::uint32_t>(a + n - 4) ^ load<std::uint32_t>(b + n - 4))) == 0;
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/// a == b.
constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

/// a.ends_with(suffix).
constexpr bool ends_with_name(std::string_view a, std::string_view suffix) noexcept {
  return a.size() >= suffix.size() && same_bytes(a.data() + a.size() - suffix.size(), suffix.data(), suffix.size());
}

/// a.starts_with(prefix).
constexpr bool starts_with_name(std::string_view a, std::string_view prefix) noexcept {
  return a.size() >= prefix.size() && same_bytes(a.data(), prefix.data(), prefix.size());
}

}  // namespace jwtcheck::detail
