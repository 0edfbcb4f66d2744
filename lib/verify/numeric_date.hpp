// NumericDate claims (RFC 7519 §2): exp, nbf, iat.
#pragma once

#include "json/object_scan.hpp"

#include <cmath>
#include <optional>

namespace jwtcheck::detail {

/// The largest NumericDate accepted: 9999-12-31T23:59:59Z.
inline constexpr double kMaxNumericDate = 253402300799.0;

/// The value of a NumericDate claim: a JSON number (never a string) in 0 … kMaxNumericDate.
/// Fractional seconds are kept and later compared exactly: every whole second in range is
/// exact in a double, so "exp 100.5" is still valid at now = 100 with no leeway.
/// nullopt for anything else (negative, too large, not a number).
// Inline: out of line, the returned optional went through memory on every call.
inline std::optional<double> read_numeric_date(const ScannedValue& value) noexcept {
  if (!value.is_number()) return std::nullopt;
  // RapidJSON refuses 1e400 outright, but stay safe should a parse flag ever let inf or NaN in.
  const double seconds = value.number;
  if (!std::isfinite(seconds) || seconds < 0.0 || seconds > kMaxNumericDate) return std::nullopt;
  return seconds;
}

}  // namespace jwtcheck::detail
