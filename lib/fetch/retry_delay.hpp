// How long to wait before retrying a token request: what the server asked for, else backoff.
#pragma once

#include <jwtcheck/fetch/retry_policy.hpp>

#include "fetch/http_client.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace jwtcheck::detail {

/// The wait the server asked for: Retry-After (delay-seconds or HTTP-date, RFC 9110 §10.2.3),
/// else Auth0's x-ratelimit-reset (epoch seconds); never negative, capped at
/// policy.max_server_delay; nullopt when neither header is usable.
std::optional<std::chrono::milliseconds> server_requested_delay(const HttpResponse& response,
                                                                std::int64_t now_epoch_seconds,
                                                                const RetryPolicy& policy);

/// Exponential backoff before retry number `retry` (0 for the first): d = min(max_delay,
/// base_delay * 2^retry), then a wait in [d/2, d] (half fixed, half random jitter).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, std::minstd_rand& random);

}  // namespace jwtcheck::detail
