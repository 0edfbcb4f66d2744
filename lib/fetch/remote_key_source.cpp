#include <jwtcheck/fetch/remote_key_source.hpp>

#include "fetch/cache_control.hpp"
#include "fetch/discovery.hpp"
#include "fetch/http_client.hpp"
#include "fetch/url.hpp"

#include <future>
#include <mutex>

namespace jwtcheck {

namespace detail {

using TimePoint = std::chrono::steady_clock::time_point;
using KeysResult = Result<std::shared_ptr<const KeySet>>;

/// One published key set. Immutable: readers copy the pointer and never lock.
struct KeySnapshot {
  std::shared_ptr<const KeySet> keys;
  TimePoint fetched_at;
  TimePoint fresh_until;
};

struct RemoteKeySourceState {
  RemoteKeySourceOptions options;
  HttpClient http;
  std::string discovery_url;    // empty: the JWKS URL is known from the start
  std::string expected_issuer;  // the discovery document must name exactly this issuer
  // The published key set. Its mutex guards only the pointer copy (never I/O, never another
  // lock): libstdc++'s atomic<shared_ptr> takes an internal spinlock for the same copy anyway,
  // and a plain mutex keeps the code clear to ThreadSanitizer.
  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const KeySnapshot> snapshot_;

  mutable std::mutex mutex;  // guards the members below; never held during a request
  std::string jwks_url;
  std::optional<std::shared_future<KeysResult>> in_flight;
  std::optional<TimePoint> last_attempt_at;
  std::optional<Error> last_error;  // of the latest attempt; cleared by a success
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;

  explicit RemoteKeySourceState(RemoteKeySourceOptions o) : options(std::move(o)), http(options.http) {}

  TimePoint now() const { return options.clock ? options.clock() : std::chrono::steady_clock::now(); }

  std::shared_ptr<const KeySnapshot> snapshot() const {
    std::lock_guard lock(snapshot_mutex);
    return snapshot_;
  }
  void publish(std::shared_ptr<const KeySnapshot> fresh) {
    std::lock_guard lock(snapshot_mutex);
    snapshot_ = std::move(fresh);
  }
};

namespace {

// --- one fetch: discovery (once) then the JWKS ------------------------------------------

Result<std::string> discover_jwks_url(const RemoteKeySourceState& state) {
  auto response = state.http.perform(HttpRequest{state.discovery_url, std::nullopt, {}, {}, 0});
  if (!response) return response.error();
  if (response->status < 200 || response->status >= 300) {
    return unexpected_status("discovery failed", state.discovery_url, *response);
  }
  return jwks_uri_from_discovery(response->body, state.expected_issuer, state.http.options());
}

Result<std::string> resolve_jwks_url(RemoteKeySourceState& state) {
  {
    std::lock_guard lock(state.mutex);
    if (!state.jwks_url.empty()) return state.jwks_url;
  }
  auto url = discover_jwks_url(state);
  if (!url) return url.error();
  std::lock_guard lock(state.mutex);
  state.jwks_url = *url;
  return url;
}

Error no_usable_key(const ParsedJwks& parsed, std::string_view url) {
  std::string message = "expected at least one usable key in the JWKS from " + std::string(url) + ", got none";
  if (!parsed.skipped.empty()) {
    message += " (" + std::to_string(parsed.skipped.size()) + " skipped; first: " + parsed.skipped.front().reason.message + ")";
  }
  return Error{ErrorCode::invalid_jwks, std::move(message)};
}

Result<KeySnapshot> fetch_snapshot(RemoteKeySourceState& state) {
  auto url = resolve_jwks_url(state);
  if (!url) return url.error();
  const RemoteKeySourceOptions& options = state.options;
  const std::size_t cap = std::min(options.http.max_response_bytes, options.limits.max_jwks_bytes);
  auto response = state.http.perform(HttpRequest{*url, std::nullopt, {}, {}, cap});
  if (!response) return response.error();
  if (response->status < 200 || response->status >= 300) return unexpected_status("JWKS download failed", *url, *response);
  auto parsed = parse_jwks(response->body, options.limits);
  if (!parsed) return parsed.error();
  if (parsed->keys.empty()) return no_usable_key(*parsed, *url);
  const auto lifetime = cache_lifetime(response->header("cache-control"), options.min_cache_age,
                                       options.max_cache_age, options.default_cache_age);
  const TimePoint fetched_at = state.now();
  return KeySnapshot{std::make_shared<const KeySet>(std::move(parsed->keys)), fetched_at, fetched_at + lifetime};
}

// --- single flight -------------------------------------------------------------------------

// A share of the one request in flight; `promise` is set when this caller must perform it.
struct FlightTicket {
  std::shared_future<KeysResult> future;
  std::optional<std::promise<KeysResult>> promise;
};

enum class Cooldown { ignore, after_failure, after_any_attempt };
enum class Join { yes, no };

std::optional<FlightTicket> claim_flight(RemoteKeySourceState& state, Cooldown cooldown, Join join) {
  std::lock_guard lock(state.mutex);
  if (state.in_flight) {
    if (join == Join::no) return std::nullopt;
    return FlightTicket{*state.in_flight, std::nullopt};
  }
  const TimePoint now = state.now();
  const bool cooling = state.last_attempt_at && now < *state.last_attempt_at + state.options.unknown_kid_cooldown;
  if (cooling && (cooldown == Cooldown::after_any_attempt || (cooldown == Cooldown::after_failure && state.last_error))) {
    return std::nullopt;
  }
  FlightTicket ticket{{}, std::promise<KeysResult>()};
  ticket.future = ticket.promise->get_future().share();
  state.in_flight = ticket.future;
  state.last_attempt_at = now;
  ++state.attempts;
  return ticket;
}

// Publishes the outcome and ends the flight (also when the fetch throws, so nobody waits forever).
class FlightEnd {
 public:
  explicit FlightEnd(RemoteKeySourceState& state) : state_(state) {}
  ~FlightEnd() {
    std::lock_guard lock(state_.mutex);
    state_.in_flight.reset();
  }
  FlightEnd(const FlightEnd&) = delete;
  FlightEnd& operator=(const FlightEnd&) = delete;

 private:
  RemoteKeySourceState& state_;
};

KeysResult run_flight(RemoteKeySourceState& state, std::promise<KeysResult>& promise) {
  KeysResult result = Error{ErrorCode::keys_unavailable, "the key set fetch did not complete"};
  {
    FlightEnd end(state);
    auto snapshot = fetch_snapshot(state);
    std::lock_guard lock(state.mutex);
    if (snapshot) {
      auto published = std::make_shared<const KeySnapshot>(std::move(*snapshot));
      result = published->keys;
      state.publish(std::move(published));
      state.last_error.reset();
    } else {
      ++state.failures;
      state.last_error = snapshot.error();
      result = snapshot.error();
    }
  }
  promise.set_value(result);
  return result;
}

KeysResult take_part(RemoteKeySourceState& state, FlightTicket& ticket) {
  if (ticket.promise) return run_flight(state, *ticket.promise);
  return ticket.future.get();
}

// --- what callers get -------------------------------------------------------------------------

std::string cause_of(const RemoteKeySourceState& state) {
  std::lock_guard lock(state.mutex);
  if (!state.last_error) return "no fetch has completed yet";
  return std::string(code_name(state.last_error->code)) + ": " + state.last_error->message;
}

Error unavailable(std::string what, const RemoteKeySourceState& state) {
  return Error{ErrorCode::keys_unavailable, std::move(what) + " (" + cause_of(state) + ")"};
}

// No key set to fall back on: wait for (or make) a fetch.
KeysResult fetch_without_fallback(RemoteKeySourceState& state, std::string_view situation) {
  auto ticket = claim_flight(state, Cooldown::after_failure, Join::yes);
  if (!ticket) return unavailable(std::string(situation) + "; the last fetch failed moments ago", state);
  auto result = take_part(state, *ticket);
  if (!result) return Error{ErrorCode::keys_unavailable, std::string(situation) + " (" +
                                                             std::string(code_name(result.error().code)) + ": " +
                                                             result.error().message + ")"};
  return result;
}

KeysResult current_keys(RemoteKeySourceState& state) {
  auto snapshot = state.snapshot();
  if (!snapshot) return fetch_without_fallback(state, "no key set could be obtained");
  const TimePoint now = state.now();
  if (now < snapshot->fresh_until) return snapshot->keys;
  // Stale: one caller refreshes, the others keep the previous snapshot meanwhile.
  if (auto ticket = claim_flight(state, Cooldown::after_failure, Join::no)) {
    if (auto refreshed = take_part(state, *ticket)) return refreshed;
  }
  if (now < snapshot->fresh_until + state.options.stale_if_error) return snapshot->keys;
  const auto stale_for = std::chrono::duration_cast<std::chrono::seconds>(now - snapshot->fresh_until);
  return fetch_without_fallback(state, "the cached key set went stale " + std::to_string(stale_for.count()) +
                                           " s ago, beyond stale_if_error, and refreshing it fails");
}

}  // namespace

}  // namespace detail

RemoteKeySource::RemoteKeySource(std::unique_ptr<detail::RemoteKeySourceState> state) noexcept
    : state_(std::move(state)) {}

RemoteKeySource::~RemoteKeySource() = default;

Result<std::shared_ptr<RemoteKeySource>> RemoteKeySource::from_jwks_url(std::string_view url,
                                                                        RemoteKeySourceOptions options) {
  auto checked = detail::check_url(url, options.http);
  if (!checked) return checked.error();
  auto state = std::make_unique<detail::RemoteKeySourceState>(std::move(options));
  state->jwks_url = checked->url;
  return std::make_shared<RemoteKeySource>(std::move(state));
}

Result<std::shared_ptr<RemoteKeySource>> RemoteKeySource::from_domain(std::string_view domain,
                                                                      RemoteKeySourceOptions options) {
  auto origin = detail::origin_for_domain(domain, options.http);
  if (!origin) return origin.error();
  return from_jwks_url(*origin + "/.well-known/jwks.json", std::move(options));
}

Result<std::shared_ptr<RemoteKeySource>> RemoteKeySource::from_discovery(std::string_view issuer, DiscoveryKind kind,
                                                                         RemoteKeySourceOptions options) {
  auto url = detail::discovery_url(issuer, kind, options.http);
  if (!url) return url.error();
  auto state = std::make_unique<detail::RemoteKeySourceState>(std::move(options));
  state->discovery_url = std::move(*url);
  state->expected_issuer = std::string(issuer);
  return std::make_shared<RemoteKeySource>(std::move(state));
}

Result<std::shared_ptr<const KeySet>> RemoteKeySource::current() { return detail::current_keys(*state_); }

Result<std::shared_ptr<const KeySet>> RemoteKeySource::refresh_for_unknown_kid(std::string_view kid) {
  auto current = detail::current_keys(*state_);
  if (!current) return current;
  // Any alg: find() falls back to any key with this kid.
  if ((*current)->find(kid, Alg::RS256) != nullptr) return current;
  auto ticket = detail::claim_flight(*state_, detail::Cooldown::after_any_attempt, detail::Join::yes);
  if (!ticket) return current;
  auto refreshed = detail::take_part(*state_, *ticket);
  return refreshed ? refreshed : current;
}

Result<std::shared_ptr<const KeySet>> RemoteKeySource::refresh() {
  auto ticket = detail::claim_flight(*state_, detail::Cooldown::ignore, detail::Join::yes);
  return detail::take_part(*state_, *ticket);
}

KeySourceStatus RemoteKeySource::status() const {
  const auto snapshot = state_->snapshot();
  const auto now = state_->now();
  KeySourceStatus status;
  std::lock_guard lock(state_->mutex);
  status.jwks_url = state_->jwks_url;
  status.fetch_attempts = state_->attempts;
  status.fetch_failures = state_->failures;
  status.last_error = state_->last_error;
  if (snapshot) {
    status.has_keys = true;
    status.key_count = snapshot->keys->size();
    status.age = std::chrono::duration_cast<std::chrono::seconds>(now - snapshot->fetched_at);
    status.stale = now >= snapshot->fresh_until;
  }
  return status;
}

}  // namespace jwtcheck
