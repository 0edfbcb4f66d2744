#include <jwtcheck/policy.hpp>

#include <chrono>

namespace jwtcheck {

std::int64_t system_clock_now() noexcept {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace jwtcheck
