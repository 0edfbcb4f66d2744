// Pieces of the human-readable messages of failed checks. Only failing checks (and the
// inspection path) call these: the verify path formats nothing when a token is good.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// Seconds as text: whole numbers without a fraction, others with up to 3 decimals.
std::string format_seconds(double seconds);
/// "1700000000 (2023-11-14T22:13:20Z)"; the date part only for whole seconds in range.
std::string format_timestamp(double seconds);
/// A duration for messages: jwtcheck::duration_text ("37 s", "23 h 59 min", "3 d").
std::string format_duration(double seconds);
/// ["a","b"] with each string quoted and escaped.
std::string format_string_list(std::span<const std::string> values);
/// "\"a\"" for one value, "one of [\"a\",\"b\"]" for several.
std::string format_expected_values(std::span<const std::string> values);

}  // namespace jwtcheck::detail
