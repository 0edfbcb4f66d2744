// Counts heap allocations made by the calling thread. The benchmark executable replaces malloc
// and friends (forwarding to glibc) so that allocations made by OpenSSL, libstdc++ and the peer
// libraries are all seen, not just C++ operator new.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

/// Allocations (malloc, calloc, realloc of a new block, memalign family) made so far by this thread.
std::uint64_t thread_allocations() noexcept;

/// Records the call stack of each allocation the calling thread makes between start and stop
/// (at most a fixed number), to say which allocations remain and where they come from.
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
