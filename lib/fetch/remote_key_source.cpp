#include <jwtcheck/fetch/remote_key_source.hpp>

#include "fetch/cache_control.hpp"
#include "fetch/discovery.hpp"
#include "fetch/http_client.hpp"
#include "fetch/url.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace jwtcheck {

namespace detail {

using TimePoint = std::chrono::steady_clock::time_point;
using KeysResult = Result<std::shared_ptr<const KeySet>>;

/// One published key set. Immutable: readers copy the pointer and never lock.
struct KeySnapshot {
  std::shared_ptr<const KeySet> keys;
  TimePoint fetched_at;   // of the last answer that confirmed it (200, or 304 Not Modified)
  TimePoint fresh_until;
  std::string etag;           // validators of that answer, for the next conditional request
  std::string last_modified;
};

// Distinct unknown kids remembered while they wait for the fetch at the end of a cooldown.
inline constexpr std::size_t kMaxWaitingKids = 64;

inline constexpr TimePoint::rep kNever = std::numeric_limits<TimePoint::rep>::max();

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

  // Read by current() without a lock: when (on the source's clock) the refresher wants to act
  // next. A reader past it pokes the refresher once, which matters for clocks that are not
  // std::chrono::steady_clock (the refresher's own timed wait runs on the real clock).
  std::atomic<TimePoint::rep> next_due{kNever};
  std::atomic<bool> poked{false};
  std::atomic<bool> stopping{false};  // also cancels the request in flight

  mutable std::mutex mutex;  // guards the members below; never held during a request
  std::condition_variable wake;     // the refresher waits here for work
  std::condition_variable fetched;  // callers wait here for a fetch to end or the refresher to settle
  std::string jwks_url;
  bool requested = false;  // a fetch was asked for (unknown kid, refresh, wait_for_keys)
  bool fetching = false;
  std::uint64_t completed = 0;  // fetches ended, successful or not
  std::uint64_t settled = 0;    // times the refresher found nothing due and went idle
  std::optional<TimePoint> last_attempt_at;
  // Unknown kids (see refresh_for_unknown_kid). A kid asked for during the cooldown waits for the
  // deferred fetch at its end; the fetch takes the waiting kids along, and once it succeeds they
  // are `answered`: asked again before the next fetch, they are refused for good, not as pending.
  bool deferred = false;  // a fetch is due when the cooldown ends
  std::set<std::string, std::less<>> waiting_kids, fetching_kids, answered_kids;
  std::optional<Error> last_error;  // of the latest attempt; cleared by a success
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;
  std::uint64_t not_modified = 0;  // fetches answered 304 Not Modified
  std::uint64_t succeeded = 0;     // fetches that brought a key set (not the 304s)

  std::thread refresher;  // started by RemoteKeySource, joined by its destructor

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
  HttpRequest request;
  request.url = state.discovery_url;
  request.cancel = &state.stopping;
  auto response = state.http.perform(request);
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

// A validator worth keeping: present, short and printable (it goes back into a header line).
std::string validator(std::optional<std::string_view> value) {
  if (!value || value->empty() || value->size() > 256) return {};
  for (const char c : *value)
    if (c < 0x20 || c == 0x7f) return {};
  return std::string(*value);
}

// One JWKS request. With a current set that came with validators, the request is conditional
// (RFC 9110 §13.1): a 304 Not Modified renews that same set's lifetime (from the 304's
// Cache-Control) without parsing or swapping it, so verifiers keep their prepared keys.
Result<KeySnapshot> fetch_snapshot(RemoteKeySourceState& state, const KeySnapshot* current, bool& not_modified) {
  auto url = resolve_jwks_url(state);
  if (!url) return url.error();
  const RemoteKeySourceOptions& options = state.options;
  HttpRequest request;
  request.url = *url;
  request.max_body_bytes = std::min(options.http.max_response_bytes, options.limits.max_jwks_bytes);
  request.cancel = &state.stopping;
  if (current) {
    request.if_none_match = current->etag;
    request.if_modified_since = current->last_modified;
  }
  auto response = state.http.perform(request);
  if (!response) return response.error();
  const auto lifetime = cache_lifetime(response->header("cache-control"), options.min_cache_age,
                                       options.max_cache_age, options.default_cache_age);
  const TimePoint fetched_at = state.now();
  if (response->status == 304 && current) {
    not_modified = true;
    return KeySnapshot{current->keys, fetched_at, fetched_at + lifetime, current->etag, current->last_modified};
  }
  if (response->status < 200 || response->status >= 300) return unexpected_status("JWKS download failed", *url, *response);
  auto parsed = parse_jwks(response->body, options.limits);
  if (!parsed) return parsed.error();
  if (parsed->keys.empty()) return no_usable_key(*parsed, *url);
  return KeySnapshot{std::make_shared<const KeySet>(std::move(parsed->keys)), fetched_at, fetched_at + lifetime,
                     validator(response->header("etag")), validator(response->header("last-modified"))};
}

// --- the refresher thread: every fetch happens here ------------------------------------------

// When the refresher should fetch next, on the source's clock (under state.mutex): now when asked
// to; the first fetch at once; a set at its expiry; after a failure, not before the cooldown.
TimePoint next_fetch_at(const RemoteKeySourceState& state, const KeySnapshot* snapshot) {
  if (state.requested || !state.last_attempt_at) return TimePoint::min();
  const TimePoint retry_at = *state.last_attempt_at + state.options.unknown_kid_cooldown;
  if (!snapshot || state.deferred) return retry_at;  // no key set yet, or unknown kids waiting
  return state.last_error ? std::max(snapshot->fresh_until, retry_at) : snapshot->fresh_until;
}

Result<KeySnapshot> fetch_snapshot_or_error(RemoteKeySourceState& state, const KeySnapshot* current,
                                            bool& not_modified) {
  try {
    return fetch_snapshot(state, current, not_modified);
  } catch (const std::exception& e) {  // bad_alloc and the like: a failed fetch, not a dead thread
    return Error{ErrorCode::keys_unavailable, std::string("the key set fetch failed: ") + e.what()};
  }
}

// Kids that `before` had and `after` lacks: their keys were withdrawn, so a token naming one is
// refused for good (no fetch can bring it back soon). At most kMaxWaitingKids are remembered.
void add_withdrawn_kids(const KeySet& before, const KeySet& after, std::set<std::string, std::less<>>& kids) {
  for (const Key& key : before.keys()) {
    if (kids.size() >= kMaxWaitingKids) return;
    if (!key.kid().empty() && after.find(key.kid(), Alg::RS256) == nullptr) kids.emplace(key.kid());
  }
}

// One fetch, made with the lock released; its outcome is published under the lock.
void fetch_once(RemoteKeySourceState& state, std::unique_lock<std::mutex>& lock, TimePoint now) {
  state.requested = false;
  state.deferred = false;
  state.fetching = true;
  state.fetching_kids = std::move(state.waiting_kids);
  state.waiting_kids.clear();
  state.last_attempt_at = now;
  ++state.attempts;
  state.next_due.store(kNever, std::memory_order_relaxed);
  lock.unlock();
  const auto current = state.snapshot();
  bool not_modified = false;
  auto snapshot = fetch_snapshot_or_error(state, current.get(), not_modified);
  lock.lock();
  state.fetching = false;
  ++state.completed;
  if (not_modified) ++state.not_modified;
  if (snapshot && !not_modified) ++state.succeeded;
  if (snapshot) {
    state.answered_kids = std::move(state.fetching_kids);
    if (current) add_withdrawn_kids(*current->keys, *snapshot->keys, state.answered_kids);
    state.publish(std::make_shared<const KeySnapshot>(std::move(*snapshot)));
    state.last_error.reset();
  } else if (!state.stopping) {
    ++state.failures;
    state.last_error = snapshot.error();
    // The kids it was to look up wait for the retry after the cooldown.
    state.waiting_kids.merge(state.fetching_kids);
    state.deferred = !state.waiting_kids.empty();
  }
  state.fetching_kids.clear();
  state.fetched.notify_all();
}

void run_refresher(RemoteKeySourceState& state) {
  std::unique_lock lock(state.mutex);
  while (!state.stopping) {
    state.poked.store(false, std::memory_order_relaxed);
    const auto snapshot = state.snapshot();
    const TimePoint now = state.now();
    const TimePoint due = next_fetch_at(state, snapshot.get());
    if (now >= due) {
      fetch_once(state, lock, now);
      continue;
    }
    state.next_due.store(due.time_since_epoch().count(), std::memory_order_relaxed);
    ++state.settled;
    state.fetched.notify_all();
    state.wake.wait_for(lock, due - now, [&] {
      return state.stopping || state.requested || state.poked.load(std::memory_order_relaxed);
    });
  }
}

// Called by readers, which never fetch: once the refresher's next deadline has passed on the
// source's clock, wake it (once; it clears the flag when it looks again).
void poke_if_due(RemoteKeySourceState& state, TimePoint now) {
  if (now.time_since_epoch().count() < state.next_due.load(std::memory_order_relaxed)) return;
  if (state.poked.exchange(true, std::memory_order_relaxed)) return;
  { std::lock_guard lock(state.mutex); }  // the refresher is either waiting or will see the flag
  state.wake.notify_one();
}

// Asks for a fetch unless one is under way (under state.mutex); returns the count of ended
// fetches that means it (or the one under way) has ended.
std::uint64_t ask_for_fetch(RemoteKeySourceState& state) {
  if (!state.fetching && !state.requested) {
    state.requested = true;
    state.wake.notify_one();
  }
  return state.completed + 1;
}

// --- what callers get -------------------------------------------------------------------------

std::string cause_of(const RemoteKeySourceState& state) {
  std::lock_guard lock(state.mutex);
  if (!state.last_error) return "no fetch has completed yet";
  return std::string(code_name(state.last_error->code)) + ": " + state.last_error->message;
}

KeysResult current_keys(RemoteKeySourceState& state) {
  auto snapshot = state.snapshot();
  const TimePoint now = state.now();
  poke_if_due(state, now);
  if (!snapshot) {
    // The refresher is fetching or will retry after the cooldown: worth presenting the token again.
    return Error{ErrorCode::keys_unavailable,
                 "no key set could be obtained yet; the refresher keeps trying (" + cause_of(state) + ")", true};
  }
  if (now < snapshot->fresh_until + state.options.stale_if_error) return snapshot->keys;
  // Refreshes have failed for longer than the window the owner accepted: not a blip that a retry
  // within moments would get past, so not retryable.
  const auto stale_for = std::chrono::duration_cast<std::chrono::seconds>(now - snapshot->fresh_until);
  return Error{ErrorCode::keys_unavailable, "the cached key set went stale " + std::to_string(stale_for.count()) +
                                                " s ago, beyond stale_if_error, and refreshing it fails (" +
                                                cause_of(state) + ")"};
}

}  // namespace

}  // namespace detail

// The opaque state the public header names; all of it is detail::RemoteKeySourceState.
struct RemoteKeySource::Impl : detail::RemoteKeySourceState {
  using RemoteKeySourceState::RemoteKeySourceState;
};

RemoteKeySource::RemoteKeySource(std::unique_ptr<Impl> state) : state_(std::move(state)) {
  state_->refresher = std::thread([state = state_.get()] { detail::run_refresher(*state); });
}

RemoteKeySource::~RemoteKeySource() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;  // also aborts the request in flight (libcurl's progress callback)
  }
  state_->wake.notify_all();
  state_->fetched.notify_all();
  if (state_->refresher.joinable()) state_->refresher.join();
}

Result<std::shared_ptr<RemoteKeySource>> RemoteKeySource::from_jwks_url(std::string_view url,
                                                                        RemoteKeySourceOptions options) {
  auto checked = detail::check_url(url, options.http);
  if (!checked) return checked.error();
  auto state = std::make_unique<Impl>(std::move(options));
  state->jwks_url = checked->url;
  return std::shared_ptr<RemoteKeySource>(new RemoteKeySource(std::move(state)));
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
  auto state = std::make_unique<Impl>(std::move(options));
  state->discovery_url = std::move(*url);
  state->expected_issuer = std::string(issuer);
  return std::shared_ptr<RemoteKeySource>(new RemoteKeySource(std::move(state)));
}

Result<std::shared_ptr<const KeySet>> RemoteKeySource::current() { return detail::current_keys(*state_); }

KeyRefresh RemoteKeySource::refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) {
  auto& state = *state_;
  auto current = detail::current_keys(state);
  // Any alg: find() falls back to any key with this kid.
  if (current && (*current)->find(kid, Alg::RS256) != nullptr) return KeyRefresh{std::move(current), false};
  std::unique_lock lock(state.mutex);
  if (!state.fetching && !state.requested && state.last_attempt_at &&
      state.now() < *state.last_attempt_at + state.options.unknown_kid_cooldown) {
    // Cooling down. A fetch made after this kid was asked for did not bring it: refused for good.
    // Otherwise the kid waits for the fetch at the end of the cooldown (pending: the token may
    // pass then), unless too many distinct kids already wait (a flood of made-up kids).
    if (state.answered_kids.count(kid) != 0) return KeyRefresh{std::move(current), false};
    if (state.waiting_kids.count(kid) == 0) {
      if (state.waiting_kids.size() >= detail::kMaxWaitingKids) return KeyRefresh{std::move(current), false};
      state.waiting_kids.emplace(kid);
    }
    if (!state.deferred) {
      state.deferred = true;
      state.poked.store(true, std::memory_order_relaxed);  // the refresher recomputes when it is due
      state.wake.notify_one();
    }
    return KeyRefresh{std::move(current), true};
  }
  if (!state.fetching && state.waiting_kids.size() < detail::kMaxWaitingKids) {
    state.waiting_kids.emplace(kid);  // the fetch asked for now answers it
  }
  const std::uint64_t target = detail::ask_for_fetch(state);
  if (max_wait.count() > 0)
    state.fetched.wait_for(lock, max_wait, [&] { return state.completed >= target || state.stopping; });
  // Pending: the fetch has not ended, or it failed and the kid waits for the retry.
  const bool ended = state.completed >= target;
  const bool pending = !ended || state.waiting_kids.count(kid) != 0;
  lock.unlock();
  if (ended) current = detail::current_keys(state);
  return KeyRefresh{std::move(current), pending};
}

Result<std::shared_ptr<const KeySet>> RemoteKeySource::refresh() {
  auto& state = *state_;
  std::unique_lock lock(state.mutex);
  const std::uint64_t target = detail::ask_for_fetch(state);
  state.fetched.wait(lock, [&] { return state.completed >= target || state.stopping; });
  if (state.completed < target) return Error{ErrorCode::keys_unavailable, "the key source is being destroyed"};
  if (state.last_error) return *state.last_error;
  return state.snapshot()->keys;
}

Result<std::shared_ptr<const KeySet>> RemoteKeySource::wait_for_keys(std::chrono::milliseconds timeout) {
  auto& state = *state_;
  if (auto keys = detail::current_keys(state)) return keys;
  std::unique_lock lock(state.mutex);
  const std::uint64_t target = detail::ask_for_fetch(state);
  const bool ended =
      state.fetched.wait_for(lock, timeout, [&] { return state.completed >= target || state.stopping; });
  lock.unlock();
  auto keys = detail::current_keys(state);
  if (keys || ended) return keys;
  return Error{ErrorCode::keys_unavailable,
               "no key set within " + std::to_string(timeout.count()) + " ms (" + detail::cause_of(state) + ")", true};
}

bool RemoteKeySource::wait_until_idle(std::chrono::milliseconds timeout) {
  auto& state = *state_;
  std::unique_lock lock(state.mutex);
  state.poked = true;
  state.wake.notify_one();
  const std::uint64_t target = state.settled + 1;
  return state.fetched.wait_for(lock, timeout, [&] { return state.settled >= target || state.stopping; }) &&
         !state.stopping;
}

KeySourceStatus RemoteKeySource::status() const {
  const auto snapshot = state_->snapshot();
  const auto now = state_->now();
  KeySourceStatus status;
  std::lock_guard lock(state_->mutex);
  status.jwks_url = state_->jwks_url;
  status.fetch_attempts = state_->attempts;
  status.fetch_failures = state_->failures;
  status.fetch_not_modified = state_->not_modified;
  status.fetch_ok = state_->succeeded;
  status.last_error = state_->last_error;
  status.refreshing = state_->fetching || state_->requested;
  if (snapshot) {
    status.has_keys = true;
    status.key_count = snapshot->keys->size();
    status.age = std::chrono::duration_cast<std::chrono::seconds>(now - snapshot->fetched_at);
    status.stale = now >= snapshot->fresh_until;
  }
  return status;
}

}  // namespace jwtcheck
