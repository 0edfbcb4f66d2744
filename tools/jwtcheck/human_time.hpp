// jwtcheck CLI — token times in words: "expires in 23 h", "expired 5 min ago", "issued 2 h ago".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jwtcheck::cli {

/// A length of time in words: jwtcheck::duration_text, the one way the library and the tool
/// write durations ("42 s", "5 min", "23 h 59 min", "3 d"). --json has the exact seconds instead.
std::string describe_span(std::int64_t seconds);

/// An epoch time as "2024-05-01 12:00:00 UTC" (or "out of range").
std::string utc_text(std::int64_t epoch_seconds);

/// What a time claim means relative to `now`, for "exp", "nbf" and "iat"; other claims get "".
std::string describe_time_claim(std::string_view claim, std::int64_t value, std::int64_t now);

}  // namespace jwtcheck::cli
