// The faults a LocalTenant has been told to inject, consumed request by request.
#pragma once

#include <jwtcheck/testing/local_tenant.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

namespace jwtcheck::testing::detail {

/// The faults that apply to one request.
struct FaultsForRequest {
  std::chrono::milliseconds delay{0};  ///< sum of the matching delay faults
  std::optional<Fault> answer;         ///< the first matching non-delay fault, which replaces the answer
};

/// Thread-safe list of faults, applied in the order added.
class FaultQueue {
 public:
  void add(Fault fault);
  void clear();
  /// Takes what applies to a request at `endpoint` (every matching delay and the first matching
  /// other fault), counting down their `times` and dropping the used-up ones.
  FaultsForRequest take(Endpoint endpoint);

 private:
  std::mutex mutex_;
  std::vector<Fault> faults_;
};

}  // namespace jwtcheck::testing::detail
