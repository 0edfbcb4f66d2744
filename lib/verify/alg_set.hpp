// A set of algorithms as a bit mask: the allowlist test on the verify path is one AND.
#pragma once

#include <jwtcheck/alg.hpp>

#include "alg_traits.hpp"  // kAllAlgs

#include <cstdint>
#include <string>
#include <vector>

namespace jwtcheck::detail {

class AlgSet {
 public:
  constexpr void add(Alg alg) noexcept { bits_ |= bit(alg); }
  constexpr bool contains(Alg alg) const noexcept { return (bits_ & bit(alg)) != 0; }
  constexpr bool empty() const noexcept { return bits_ == 0; }

  /// Every algorithm jwtcheck knows except the HMAC ones: the default allowlist.
  static AlgSet asymmetric() noexcept;
  /// "RS256, PS256, ..." in declaration order, for messages.
  std::string names() const;
  /// The members, in declaration order.
  std::vector<Alg> algs() const;

 private:
  static constexpr std::uint32_t bit(Alg alg) noexcept { return std::uint32_t{1} << static_cast<unsigned>(alg); }
  std::uint32_t bits_ = 0;
};

}  // namespace jwtcheck::detail
