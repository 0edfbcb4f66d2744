// RFC 8259 leaves duplicate member names to the parser; RFC 7515 §5.2 and RFC 7519 §4 want them
// refused, since two parsers may pick different values. RapidJSON keeps both, so we look.
#pragma once

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace jwtcheck::detail {

/// The first name that appears twice among names[0..count), or nullopt. Small objects (every
/// real token) compare every pair of names, which nearly always differ in length; larger ones
/// sort (so `names` may be reordered).
inline std::optional<std::string_view> duplicate_name(std::string_view* names, std::size_t count) {
  constexpr std::size_t kPairwiseUpTo = 16;
  if (count <= kPairwiseUpTo) {
    // A 64-bucket filter on length and end bytes: a name is compared with the earlier ones only
    // when its bucket is already taken.
    std::uint64_t taken = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view name = names[i];
      const std::size_t ends =
          name.empty() ? 0 : static_cast<unsigned char>(name.front()) + static_cast<unsigned char>(name.back());
      const std::uint64_t bucket = std::uint64_t{1} << ((name.size() * 7 + ends) & 63);
      if (taken & bucket)
        for (std::size_t j = 0; j < i; ++j)
          if (names[j] == name) return name;
      taken |= bucket;
    }
    return std::nullopt;
  }
  std::sort(names, names + count);
  const auto dup = std::adjacent_find(names, names + count);
  if (dup != names + count) return *dup;
  return std::nullopt;
}

namespace duplicate_members_impl {

template <class Value>
std::string_view name_of(const Value& name) noexcept {
  return {name.GetString(), name.GetStringLength()};
}

// Names are gathered on the stack up to kStackNames.
template <class Value>
std::optional<std::string_view> duplicate_in_object(const Value& object) {
  constexpr std::size_t kStackNames = 64;
  std::array<std::string_view, kStackNames> small;
  std::vector<std::string_view> large;
  std::string_view* names = small.data();
  const std::size_t count = object.MemberCount();
  if (count > kStackNames) {
    large.resize(count);
    names = large.data();
  }
  std::size_t n = 0;
  for (auto m = object.MemberBegin(); m != object.MemberEnd(); ++m) names[n++] = name_of(m->name);
  return duplicate_name(names, count);
}

}  // namespace duplicate_members_impl

/// The first member name that appears twice in one object anywhere inside `value` (names are
/// compared after unescaping, so "a" and "\u0061" are the same name), or nullopt.
/// Recursion follows the value's nesting, which the parser has already bounded.
template <class Value>
std::optional<std::string_view> find_duplicate_member(const Value& value) {
  if (value.IsObject()) {
    if (auto dup = duplicate_members_impl::duplicate_in_object(value)) return dup;
    for (auto m = value.MemberBegin(); m != value.MemberEnd(); ++m)
      if (auto dup = find_duplicate_member(m->value)) return dup;
  } else if (value.IsArray()) {
    for (const auto& element : value.GetArray())
      if (auto dup = find_duplicate_member(element)) return dup;
  }
  return std::nullopt;
}

}  // namespace jwtcheck::detail
