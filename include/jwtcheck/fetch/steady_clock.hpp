// jwtcheck — the monotonic time source of the fetch module's caches.
#pragma once

#include <chrono>
#include <functional>

namespace jwtcheck {

/// A monotonic time source; replaceable so tests can move time without sleeping.
using SteadyClock = std::function<std::chrono::steady_clock::time_point()>;

}  // namespace jwtcheck
