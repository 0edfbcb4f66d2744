#include "fetch/cache_control.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <string>

namespace jwtcheck::detail {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::chrono::seconds> parse_seconds(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (end != value.data() + value.size() || seconds < 0) return std::nullopt;
  // RFC 9111 §1.2.2: a delta-seconds too large to represent means "a very long time".
  if (ec == std::errc::result_out_of_range) return std::chrono::seconds(std::numeric_limits<int>::max());
  if (ec != std::errc()) return std::nullopt;
  return std::chrono::seconds(seconds);
}

}  // namespace

std::optional<std::chrono::seconds> cache_max_age(std::string_view cache_control) {
  std::optional<std::chrono::seconds> max_age;
  bool forbids_reuse = false;
  while (!cache_control.empty()) {
    const auto comma = cache_control.find(',');
    const std::string_view directive = trim(cache_control.substr(0, comma));
    cache_control = comma == std::string_view::npos ? std::string_view() : cache_control.substr(comma + 1);
    const auto equals = directive.find('=');
    const std::string_view name = trim(directive.substr(0, equals));
    if (equals_ignoring_case(name, "no-store") || equals_ignoring_case(name, "no-cache")) forbids_reuse = true;
    if (equals_ignoring_case(name, "max-age") && equals != std::string_view::npos && !max_age) {
      max_age = parse_seconds(trim(directive.substr(equals + 1)));
    }
  }
  if (forbids_reuse) return std::chrono::seconds(0);
  return max_age;
}

std::chrono::seconds cache_lifetime(std::optional<std::string_view> cache_control, std::chrono::seconds min_age,
                                    std::chrono::seconds max_age, std::chrono::seconds default_age) {
  std::optional<std::chrono::seconds> said;
  if (cache_control) said = cache_max_age(*cache_control);
  const std::chrono::seconds lifetime = said.value_or(default_age);
  return std::clamp(lifetime, min_age, std::max(min_age, max_age));
}

}  // namespace jwtcheck::detail
