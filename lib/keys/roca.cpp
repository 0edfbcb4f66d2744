#include "keys/roca.hpp"

#include <array>
#include <cstdint>

namespace jwtcheck::detail {

namespace {

// The primes up to 167: they divide the ROCA modulus M for every key size.
constexpr std::array<std::uint32_t, 38> kPrimes = {3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41, 43,
                                                   47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
                                                   107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167};

bool in_subgroup_of_65537(std::uint32_t residue, std::uint32_t p) noexcept {
  const std::uint32_t g = 65537 % p;
  std::uint32_t x = 1;
  do {
    if (x == residue) return true;
    x = x * g % p;
  } while (x != 1);
  return false;
}

}  // namespace

bool has_roca_fingerprint(const BIGNUM* n) noexcept {
  for (std::uint32_t p : kPrimes) {
    const BN_ULONG residue = BN_mod_word(n, p);
    if (residue == static_cast<BN_ULONG>(-1)) return false;  // BN_mod_word error
    if (!in_subgroup_of_65537(static_cast<std::uint32_t>(residue), p)) return false;
  }
  return true;
}

}  // namespace jwtcheck::detail
