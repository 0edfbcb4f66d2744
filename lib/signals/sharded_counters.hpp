// Per-issuer counters that the verify path bumps without a lock and without sharing a cache
// line between threads: each thread writes to one of a few shards (picked once per thread,
// round-robin), and a snapshot adds the shards up. Relaxed atomics: counts, not ordering.
#pragma once

#include <jwtcheck/error.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace jwtcheck::detail {

/// Slots for refusal codes; ErrorCode has fewer (checked below), so codes appended later fit.
inline constexpr std::size_t kCountedCodes = 96;
static_assert(static_cast<std::size_t>(ErrorCode::unknown_issuer) < kCountedCodes);
/// Shards per counter set: more than the threads that usually verify at once on a small server.
inline constexpr std::size_t kCounterShards = 8;

/// The shard the calling thread writes to (fixed for the thread's life).
std::size_t this_thread_shard() noexcept;

/// What a CounterSet adds up to.
struct CounterTotals {
  std::uint64_t accepted = 0;
  std::uint64_t keys_served = 0;  ///< KeySource::current gave a set
  std::uint64_t unknown_kids = 0;  ///< KeySource::refresh_for_unknown_kid was asked
  std::uint64_t no_keys = 0;       ///< KeySource::current gave none
  std::vector<std::pair<ErrorCode, std::uint64_t>> refused;  ///< non-zero codes, in code order
};

/// The counters of one issuer (or of the refusals before an issuer was chosen).
class CounterSet {
 public:
  void count_accepted() noexcept { bump(shard().accepted); }
  void count_refused(ErrorCode code) noexcept {
    const auto index = static_cast<std::size_t>(code);
    if (index < kCountedCodes) bump(shard().refused[index]);
  }
  void count_keys_served() noexcept { bump(shard().keys_served); }
  void count_unknown_kid() noexcept { bump(shard().unknown_kids); }
  void count_no_keys() noexcept { bump(shard().no_keys); }
  /// The sum over the shards (each counter read once; a count in flight may be missed).
  CounterTotals totals() const;

 private:
  struct alignas(64) Shard {
    std::atomic<std::uint64_t> accepted{0};
    std::atomic<std::uint64_t> keys_served{0};
    std::atomic<std::uint64_t> unknown_kids{0};
    std::atomic<std::uint64_t> no_keys{0};
    std::array<std::atomic<std::uint64_t>, kCountedCodes> refused{};
  };
  static void bump(std::atomic<std::uint64_t>& counter) noexcept { counter.fetch_add(1, std::memory_order_relaxed); }
  Shard& shard() noexcept { return shards_[this_thread_shard()]; }

  std::array<Shard, kCounterShards> shards_;
};

}  // namespace jwtcheck::detail
