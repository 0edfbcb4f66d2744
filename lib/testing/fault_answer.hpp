// The answers a tenant gives in place of the real one when a fault is injected.
#pragma once

#include <jwtcheck/testing/local_tenant.hpp>

#include "testing/http_answer.hpp"

#include <cstddef>

namespace jwtcheck::testing::detail {

/// Size of the oversized_body answer: past the 2 MiB a client should accept at most.
inline constexpr std::size_t kOversizedBodyBytes = 2 * 1024 * 1024 + 64 * 1024;

/// The answer for http_500, http_429 (with Retry-After and Auth0's rate-limit headers),
/// invalid_json (a truncated JSON document with status 200) and oversized_body (valid JSON of
/// kOversizedBodyBytes, status 200). Delays and dropped connections are the server's job.
HttpAnswer fault_answer(const Fault& fault);

}  // namespace jwtcheck::testing::detail
