#include <jwtcheck/verifier_options.hpp>

#include <chrono>
#include <ctime>

namespace jwtcheck {

std::int64_t system_clock_now() noexcept {
#if defined(CLOCK_REALTIME_COARSE)
  // The kernel's tick-updated copy of the real-time clock: a few ns to read instead of a
  // hardware clock read (tens of ns in a VM), and 1-4 ms behind at most, which a whole-second
  // answer cannot show but once a second, by one.
  timespec now{};
  if (clock_gettime(CLOCK_REALTIME_COARSE, &now) == 0) return now.tv_sec;
#endif
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace jwtcheck
