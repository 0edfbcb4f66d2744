// Timing loops: how many times per second one operation runs, on one thread or several.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace bench {

/// One verification attempt; returns its verdict (true = accepted).
using Operation = std::function<bool()>;

/// What one timed run measured.
struct Timing {
  double ops_per_s = 0;
  double ns_per_op = 0;
  std::uint64_t ops = 0;
  bool all_accepted = true;  ///< false if any timed call refused the (valid) input
};

/// Runs `op` repeatedly on the calling thread for about `budget` and measures its rate: the
/// fastest of 10 equal windows (all_accepted covers every call of all of them). With
/// `thread_cpu_time`, time is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so that time the
/// thread spent preempted on a loaded machine does not count: for A/B comparisons of two builds.
Timing time_single(const Operation& op, std::chrono::nanoseconds budget, bool thread_cpu_time = false);

/// Runs an operation from `make_op` (called once per thread) on `threads` threads at once for about
/// `budget`; ops_per_s is the aggregate rate (sum over threads), ns_per_op the mean latency of one call.
/// The fastest of 5 windows, each with its threads started afresh.
Timing time_threads(const std::function<Operation()>& make_op, unsigned threads, std::chrono::nanoseconds budget);

/// Heap allocations per call, apart: OpenSSL's and everyone else's (jwtcheck's own, or a peer's).
struct AllocationsPerCall {
  double own = 0;
  double openssl = 0;
};

/// Heap allocations per call of `op` on this thread, averaged over `calls` calls after a warm-up.
AllocationsPerCall allocations_per_call(const Operation& op, unsigned calls);

}  // namespace bench
