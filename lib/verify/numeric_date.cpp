#include "verify/numeric_date.hpp"

#include <cmath>

namespace jwtcheck::detail {

std::optional<double> read_numeric_date(const ScannedValue& value) noexcept {
  if (!value.is_number()) return std::nullopt;
  // RapidJSON refuses 1e400 outright, but stay safe should a parse flag ever let inf or NaN in.
  const double seconds = value.number;
  if (!std::isfinite(seconds) || seconds < 0.0 || seconds > kMaxNumericDate) return std::nullopt;
  return seconds;
}

}  // namespace jwtcheck::detail
