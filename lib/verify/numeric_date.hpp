// NumericDate claims (RFC 7519 §2): exp, nbf, iat.
#pragma once

#include "json/object_scan.hpp"

#include <optional>

namespace jwtcheck::detail {

/// The largest NumericDate accepted: 9999-12-31T23:59:59Z.
inline constexpr double kMaxNumericDate = 253402300799.0;

/// The value of a NumericDate claim: a JSON number (never a string) in 0 … kMaxNumericDate.
/// Fractional seconds are kept and later compared exactly: every whole second in range is
/// exact in a double, so "exp 100.5" is still valid at now = 100 with no leeway.
/// nullopt for anything else (negative, too large, not a number).
std::optional<double> read_numeric_date(const ScannedValue& value) noexcept;

}  // namespace jwtcheck::detail
