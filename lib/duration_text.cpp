#include <jwtcheck/duration_text.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace jwtcheck {

namespace {

// Whole numbers without a fraction, others with up to 3 decimals.
std::string exact_seconds(double seconds) {
  char buf[32];
  if (seconds == std::floor(seconds)) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(seconds));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.3f", seconds);
  std::string text = buf;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::string duration_text(double seconds) {
  if (std::isnan(seconds)) return "an unknown time";
  seconds = std::fabs(seconds);
  if (seconds < 120) return exact_seconds(seconds) + " s";
  // Beyond ~292 billion years int64 seconds overflow; nothing real is that long.
  if (seconds >= 9.2e18) return "forever";
  const auto whole = static_cast<std::int64_t>(seconds);
  if (whole < 3600) return std::to_string(whole / 60) + " min";
  if (whole < 2 * 86400) {
    const std::int64_t minutes = whole / 60 % 60;
    return std::to_string(whole / 3600) + " h" + (minutes == 0 ? "" : " " + std::to_string(minutes) + " min");
  }
  return std::to_string(whole / 86400) + " d";
}

}  // namespace jwtcheck
