#include "testing/fault_queue.hpp"

#include <algorithm>

namespace jwtcheck::testing::detail {

void FaultQueue::add(Fault fault) {
  if (fault.times == 0) return;  // affects no request
  std::lock_guard lock(mutex_);
  faults_.push_back(fault);
}

void FaultQueue::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

FaultsForRequest FaultQueue::take(Endpoint endpoint) {
  FaultsForRequest taken;
  std::lock_guard lock(mutex_);
  for (Fault& fault : faults_) {
    if (fault.endpoint != Endpoint::any && fault.endpoint != endpoint) continue;
    if (fault.kind == Fault::Kind::delay) {
      taken.delay += fault.delay;
    } else if (!taken.answer) {
      taken.answer = fault;
    } else {
      continue;  // a later answer fault waits for a later request
    }
    if (fault.times > 0) --fault.times;
  }
  std::erase_if(faults_, [](const Fault& f) { return f.times == 0; });
  return taken;
}

}  // namespace jwtcheck::testing::detail
