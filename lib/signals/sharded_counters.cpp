#include "signals/sharded_counters.hpp"

namespace jwtcheck::detail {

std::size_t this_thread_shard() noexcept {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t shard = next.fetch_add(1, std::memory_order_relaxed) % kCounterShards;
  return shard;
}

CounterTotals CounterSet::totals() const {
  CounterTotals totals;
  std::array<std::uint64_t, kCountedCodes> refused{};
  for (const Shard& s : shards_) {
    totals.accepted += s.accepted.load(std::memory_order_relaxed);
    totals.keys_served += s.keys_served.load(std::memory_order_relaxed);
    totals.unknown_kids += s.unknown_kids.load(std::memory_order_relaxed);
    totals.no_keys += s.no_keys.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < kCountedCodes; ++i) refused[i] += s.refused[i].load(std::memory_order_relaxed);
  }
  for (std::size_t i = 0; i < kCountedCodes; ++i)
    if (refused[i] != 0) totals.refused.emplace_back(static_cast<ErrorCode>(i), refused[i]);
  return totals;
}

}  // namespace jwtcheck::detail
