// A set of algorithms as a bit mask: the allowlist test on the verify path is one AND.
#pragma once

#include <jwtcheck/alg.hpp>

#include <cstdint>
#include <string>

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

 private:
  static constexpr std::uint32_t bit(Alg alg) noexcept { return std::uint32_t{1} << static_cast<unsigned>(alg); }
  std::uint32_t bits_ = 0;
};

/// Every value of Alg, in declaration order.
inline constexpr Alg kAllAlgs[] = {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384,
                                   Alg::PS512, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA,
                                   Alg::HS256, Alg::HS384, Alg::HS512};

}  // namespace jwtcheck::detail
