// Equality for short names (claim and member names, scopes): they mostly differ in length or
// first byte, which settles most pairs without a call to memcmp.
#pragma once

#include <string_view>

namespace jwtcheck::detail {

inline bool same_name(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
}

}  // namespace jwtcheck::detail
