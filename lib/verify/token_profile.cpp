#include <jwtcheck/policy.hpp>

#include <utility>

namespace jwtcheck {

namespace {

constexpr std::pair<TokenProfile, std::string_view> kProfiles[] = {
    {TokenProfile::auth0, "auth0"},
    {TokenProfile::rfc9068, "rfc9068"},
    {TokenProfile::any, "any"},
};

}  // namespace

std::string_view profile_name(TokenProfile profile) noexcept {
  for (const auto& [p, name] : kProfiles)
    if (p == profile) return name;
  return "unknown";
}

std::optional<TokenProfile> profile_from_name(std::string_view name) noexcept {
  for (const auto& [p, n] : kProfiles)
    if (n == name) return p;
  return std::nullopt;
}

}  // namespace jwtcheck
