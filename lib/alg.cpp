#include <jwtcheck/alg.hpp>

#include <array>
#include <cstdint>
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

namespace {
// A 5-byte name as one integer (the compiler reads it with two loads), so matching a name is
// at most 13 integer compares.
constexpr std::uint64_t packed(std::string_view n) noexcept {
  const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(n[i])} << (8 * i); };
  return byte(0) | byte(1) | byte(2) | byte(3) | byte(4);
}

constexpr auto kPackedNames = [] {
  std::array<std::uint64_t, kNames.size()> packed_names{};
  for (std::size_t i = 0; i < kNames.size(); ++i) packed_names[i] = packed(kNames[i].second);
  return packed_names;
}();
}  // namespace

std::optional<Alg> alg_from_name(std::string_view name) noexcept {
  if (name.size() != 5) return std::nullopt;  // every name has 5 bytes
  const std::uint64_t key = packed(name);
  for (std::size_t i = 0; i < kPackedNames.size(); ++i)
    if (kPackedNames[i] == key) return kNames[i].first;
  return std::nullopt;
}

}  // namespace jwtcheck
