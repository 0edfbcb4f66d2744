// SignalObserver's default callbacks (each does nothing) and health names.
#include <jwtcheck/signals.hpp>

namespace jwtcheck {

std::string_view health_name(IssuerHealth health) noexcept {
  switch (health) {
    case IssuerHealth::ready: return "ready";
    case IssuerHealth::degraded: return "degraded";
    case IssuerHealth::failed: return "failed";
  }
  return "failed";
}

void SignalObserver::on_refused(std::string_view, const Error&) {}
void SignalObserver::on_keys_changed(std::string_view, std::size_t) {}
void SignalObserver::on_fetch_failed(std::string_view, const Error&, std::uint64_t) {}
void SignalObserver::on_health_changed(std::string_view, IssuerHealth, IssuerHealth) {}

}  // namespace jwtcheck
