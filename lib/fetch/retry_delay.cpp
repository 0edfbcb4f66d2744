#include "fetch/retry_delay.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <string>

namespace jwtcheck::detail {

namespace {

std::optional<std::int64_t> non_negative_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// Seconds to wait per Retry-After: a number, or an HTTP date (parsed by libcurl's curl_getdate).
std::optional<std::int64_t> retry_after_seconds(std::string_view value, std::int64_t now) {
  if (auto seconds = non_negative_integer(value)) return seconds;
  const std::string date(value);
  const time_t when = curl_getdate(date.c_str(), nullptr);
  if (when == static_cast<time_t>(-1)) return std::nullopt;
  return std::max<std::int64_t>(0, static_cast<std::int64_t>(when) - now);
}

std::chrono::milliseconds capped(std::int64_t seconds, const RetryPolicy& policy) {
  const std::int64_t cap_seconds = policy.max_server_delay.count() / 1000 + 1;
  return std::min(std::chrono::milliseconds(std::min(seconds, cap_seconds) * 1000), policy.max_server_delay);
}

}  // namespace

std::optional<std::chrono::milliseconds> server_requested_delay(const HttpResponse& response,
                                                                std::int64_t now_epoch_seconds,
                                                                const RetryPolicy& policy) {
  if (auto value = response.header("retry-after")) {
    if (auto seconds = retry_after_seconds(*value, now_epoch_seconds)) return capped(*seconds, policy);
  }
  if (auto value = response.header("x-ratelimit-reset")) {
    if (auto reset = non_negative_integer(*value)) {
      return capped(std::max<std::int64_t>(0, *reset - now_epoch_seconds), policy);
    }
  }
  return std::nullopt;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, std::minstd_rand& random) {
  const auto base = std::max<std::int64_t>(0, policy.base_delay.count());
  const auto cap = std::max<std::int64_t>(0, policy.max_delay.count());
  std::int64_t delay = base;
  for (int i = 0; i < retry && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  if (delay == 0) return std::chrono::milliseconds(0);
  std::uniform_int_distribution<std::int64_t> jitter(0, delay / 2);
  return std::chrono::milliseconds(delay - delay / 2 + jitter(random));
}

}  // namespace jwtcheck::detail
