// jwtcheck — when a failed token request is tried again.
#pragma once

#include <chrono>
#include <functional>

namespace jwtcheck {

/// Retried: 429, 5xx and network errors (dns_failed, connect_failed, timeout). Never retried:
/// other 4xx, TLS failures, invalid answers, oversized answers.
struct RetryPolicy {
  /// Attempts after the first one.
  int max_retries = 3;
  /// Delay before the first retry; doubles each time, with jitter (half fixed, half random).
  std::chrono::milliseconds base_delay{200};
  /// Upper bound of one backoff delay.
  std::chrono::milliseconds max_delay{5000};
  /// Upper bound of a wait asked for by the server (Retry-After in seconds or as an HTTP date,
  /// or Auth0's x-ratelimit-reset in epoch seconds); those take precedence over the backoff.
  std::chrono::milliseconds max_server_delay{30000};
  /// How to wait; empty: std::this_thread::sleep_for. Tests replace it to record the delays.
  std::function<void(std::chrono::milliseconds)> sleep;
};

}  // namespace jwtcheck
