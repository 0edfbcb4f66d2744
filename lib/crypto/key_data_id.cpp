// Process-unique KeyData ids. The per-thread verifier caches (thread_verifiers.cpp) are keyed by
// them and never by address: a freed KeyData's address can be reused by a different key.
#include "keys/key_data.hpp"

#include <atomic>

namespace jwtcheck::detail {

std::uint64_t next_key_data_id() noexcept {
  // Starts at 1 because 0 marks an empty cache slot; 64 bits never wrap within a process.
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

}  // namespace jwtcheck::detail
