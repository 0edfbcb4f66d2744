#include "human_time.hpp"

#include <jwtcheck/duration_text.hpp>

#include <cstdint>
#include <ctime>

namespace jwtcheck::cli {

std::string describe_span(std::int64_t seconds) { return duration_text(static_cast<double>(seconds)); }

std::string utc_text(std::int64_t epoch_seconds) {
  // Beyond year 9999 (the verifier's own bound) strftime output would be misleading.
  constexpr std::int64_t max_epoch = 253402300799;
  if (epoch_seconds < 0 || epoch_seconds > max_epoch) return "out of range";
  const std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm parts{};
  if (gmtime_r(&t, &parts) == nullptr) return "out of range";
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return std::string(text, n);
}

std::string describe_time_claim(std::string_view claim, std::int64_t value, std::int64_t now) {
  const std::int64_t delta = value - now;
  if (claim == "exp") {
    return delta > 0 ? "expires in " + describe_span(delta) : "expired " + describe_span(delta) + " ago";
  }
  if (claim == "iat") {
    return delta <= 0 ? "issued " + describe_span(delta) + " ago"
                      : "issued in the future (" + describe_span(delta) + " from now)";
  }
  if (claim == "nbf") {
    return delta <= 0 ? "valid since " + describe_span(delta) + " ago"
                      : "not valid for another " + describe_span(delta);
  }
  return {};
}

}  // namespace jwtcheck::cli
