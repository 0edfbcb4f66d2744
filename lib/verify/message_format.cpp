#include "verify/message_format.hpp"

#include "json/message_quote.hpp"

#include <jwtcheck/duration_text.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>

namespace jwtcheck::detail {

std::string format_seconds(double seconds) {
  char buf[64];
  if (std::isfinite(seconds) && seconds == std::floor(seconds) && std::fabs(seconds) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(seconds));
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.3f", seconds);
  std::string text = buf;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string format_timestamp(double seconds) {
  std::string text = format_seconds(seconds);
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 253402300799.0) return text;
  const std::time_t whole = static_cast<std::time_t>(std::floor(seconds));
  std::tm utc{};
  if (!gmtime_r(&whole, &utc)) return text;
  char date[32];
  if (std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) return text;
  return text + " (" + date + ")";
}

std::string format_duration(double seconds) { return duration_text(seconds); }

std::string format_string_list(std::span<const std::string> values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ",";
    out += quote_for_message(values[i]);
  }
  return out + "]";
}

std::string format_expected_values(std::span<const std::string> values) {
  if (values.size() == 1) return quote_for_message(values[0]);
  return "one of " + format_string_list(values);
}

}  // namespace jwtcheck::detail
