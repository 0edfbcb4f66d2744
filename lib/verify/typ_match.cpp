#include "verify/typ_match.hpp"

namespace jwtcheck::detail {

namespace {

char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

std::string_view without_application_prefix(std::string_view typ) noexcept {
  constexpr std::string_view kPrefix = "application/";
  if (typ.size() > kPrefix.size() && equal_ignoring_ascii_case(typ.substr(0, kPrefix.size()), kPrefix)) {
    const std::string_view rest = typ.substr(kPrefix.size());
    if (rest.find('/') == std::string_view::npos) return rest;
  }
  return typ;
}

}  // namespace

bool typ_matches(std::string_view token_typ, std::string_view allowed) noexcept {
  return equal_ignoring_ascii_case(without_application_prefix(token_typ), without_application_prefix(allowed));
}

}  // namespace jwtcheck::detail
