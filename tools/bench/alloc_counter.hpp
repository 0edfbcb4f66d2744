// Counts heap allocations made by the calling thread, in two columns: OpenSSL's (everything it
// allocates through CRYPTO_malloc, routed there by CRYPTO_set_mem_functions) and everyone else's
// (jwtcheck, libstdc++ on its behalf, the peer libraries). The benchmark executable replaces malloc
// and friends (forwarding to glibc) so that C allocations are seen, not just C++ operator new.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

/// Allocations (malloc, calloc, realloc of a new block, memalign family) made so far by this
/// thread outside OpenSSL.
std::uint64_t thread_allocations() noexcept;

/// Allocations (CRYPTO_malloc, CRYPTO_realloc of a new block) made so far by OpenSSL on this thread.
std::uint64_t thread_openssl_allocations() noexcept;

/// Records the call stack of each allocation outside OpenSSL the calling thread makes between start
/// and stop (at most a fixed number), to say which allocations remain and where they come from.
class AllocationTrace {
 public:
  AllocationTrace();   ///< starts recording on this thread
  ~AllocationTrace();  ///< stops recording
  AllocationTrace(const AllocationTrace&) = delete;
  AllocationTrace& operator=(const AllocationTrace&) = delete;

  /// Stops recording and returns one demangled "frame <- frame <- ..." line per allocation.
  std::vector<std::string> stop();

 private:
  bool stopped_ = false;
};

}  // namespace bench
