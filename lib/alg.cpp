#include <jwtcheck/alg.hpp>

#include <array>
#include <utility>

namespace jwtcheck {

namespace {
constexpr std::array<std::pair<Alg, std::string_view>, 13> kNames{{
    {Alg::RS256, "RS256"}, {Alg::RS384, "RS384"}, {Alg::RS512, "RS512"},
    {Alg::PS256, "PS256"}, {Alg::PS384, "PS384"}, {Alg::PS512, "PS512"},
    {Alg::ES256, "ES256"}, {Alg::ES384, "ES384"}, {Alg::ES512, "ES512"},
    {Alg::EdDSA, "EdDSA"},
    {Alg::HS256, "HS256"}, {Alg::HS384, "HS384"}, {Alg::HS512, "HS512"},
}};
}  // namespace

std::string_view alg_name(Alg alg) noexcept {
  for (const auto& [a, name] : kNames)
    if (a == alg) return name;
  return "?";
}

std::optional<Alg> alg_from_name(std::string_view name) noexcept {
  for (const auto& [alg, n] : kNames)
    if (n == name) return alg;
  return std::nullopt;
}

}  // namespace jwtcheck
