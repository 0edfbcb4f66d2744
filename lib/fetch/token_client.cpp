#include <jwtcheck/fetch/token_client.hpp>

#include "fetch/http_client.hpp"
#include "fetch/printable_text.hpp"
#include "fetch/retry_delay.hpp"
#include "fetch/token_request.hpp"
#include "fetch/token_response.hpp"
#include "fetch/url.hpp"

#include <condition_variable>
#include <mutex>
#include <random>
#include <stop_token>
#include <thread>

namespace jwtcheck {

namespace detail {

// The cached token: the JWT itself in a Secret (wiped when replaced or dropped), the rest as is.
struct CachedToken {
  Secret jwt;
  AccessToken rest;  // access_token left empty

  explicit CachedToken(const AccessToken& token) : jwt(token.access_token), rest(token) { rest.access_token.clear(); }
  AccessToken token() const {
    AccessToken copy = rest;
    copy.access_token = std::string(jwt.reveal());
    return copy;
  }
};

// One request to the token endpoint and its outcome, shared by the callers that wait for it.
struct Flight {
  bool done = false;  // under TokenClientState::mutex
  std::optional<Result<AccessToken>> result;
};

struct TokenClientState {
  TokenClientOptions config;
  std::string token_url;
  HttpClient http;

  std::mutex mutex;  // guards the members below; never held during a request
  std::condition_variable_any flight_done;
  std::optional<CachedToken> cached;
  std::shared_ptr<Flight> in_flight;

  TokenClientState(TokenClientOptions c, std::string url)
      : config(std::move(c)), token_url(std::move(url)), http(config.http) {}
};

namespace {

constexpr std::size_t max_token_response_bytes = 64 * 1024;

std::chrono::steady_clock::time_point now(const TokenClientState& state) {
  return state.config.clock ? state.config.clock() : std::chrono::steady_clock::now();
}

bool is_fresh(const AccessToken& token, const TokenClientState& state) {
  if (!token.expires_in) return false;
  return now(state) + state.config.expiry_margin < token.obtained_at + *token.expires_in;
}

// One try, and whether another one could succeed.
struct Attempt {
  Result<AccessToken> result;
  bool retryable = false;
  std::optional<std::chrono::milliseconds> server_delay;
};

std::int64_t epoch_seconds_now() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

bool is_transient(ErrorCode code) {
  return code == ErrorCode::dns_failed || code == ErrorCode::connect_failed || code == ErrorCode::timeout;
}

Error cancelled_error() { return Error{ErrorCode::cancelled, "token request: cancelled by the caller"}; }
Error deadline_error() { return Error{ErrorCode::deadline_exceeded, "token request: the caller's deadline passed"}; }

bool deadline_passed(const TokenCallOptions& call) {
  return call.deadline && std::chrono::steady_clock::now() >= *call.deadline;
}

// Sleeps `delay` unless the call is stopped or reaches its deadline first; false then.
bool sleep_within(const TokenCallOptions& call, std::chrono::milliseconds delay) {
  std::mutex mutex;
  std::condition_variable_any wake;  // nothing notifies it: only a stop request or the time ends the wait
  std::unique_lock lock(mutex);
  auto until = std::chrono::steady_clock::now() + delay;
  if (call.deadline && *call.deadline < until) until = *call.deadline;
  wake.wait_until(lock, call.stop, until, [] { return false; });
  return !call.stop.stop_requested() && !deadline_passed(call);
}

Attempt attempt_once(const TokenClientState& state, const TokenCallOptions& call) {
  TokenRequest request;  // wiped when it goes out of scope, right after the request
  build_token_request(state.config, request);
  const auto started = now(state);
  HttpRequest http_request{state.token_url, request.body.view(), request.content_type,
                           request.authorization.view(),
                           std::min(max_token_response_bytes, state.config.http.max_response_bytes)};
  http_request.stop = call.stop;
  http_request.deadline = call.deadline;
  auto response = state.http.perform(http_request);
  if (!response) {
    const bool transient = is_transient(response.error().code);
    return Attempt{response.error(), transient, std::nullopt};
  }
  if (response->status >= 200 && response->status < 300) {
    return Attempt{parse_token_response(response->body, started), false, std::nullopt};
  }
  Error error = token_error_from_response(*response, state.token_url, state.config.client_secret.reveal());
  const bool retryable = response->status >= 500 || error.code == ErrorCode::rate_limited;
  return Attempt{std::move(error), retryable,
                 server_requested_delay(*response, epoch_seconds_now(), state.config.retry)};
}

Result<AccessToken> request_with_retries(const TokenClientState& state, const TokenCallOptions& call) {
  const RetryPolicy& policy = state.config.retry;
  std::minstd_rand random(std::random_device{}());
  for (int retry = 0;; ++retry) {
    if (call.stop.stop_requested()) return cancelled_error();
    if (deadline_passed(call)) return deadline_error();
    Attempt attempt = attempt_once(state, call);
    if (attempt.result.ok()) return std::move(attempt.result);
    if (!attempt.retryable || retry >= policy.max_retries) {
      // Whatever the server sent back (a body, a redirect target) never carries the secret out.
      Error error = std::move(attempt.result).error();
      error.message = redact_request_secrets(error.message, state.config);
      return error;
    }
    const auto delay = attempt.server_delay ? *attempt.server_delay : backoff_delay(policy, retry, random);
    if (policy.sleep) {
      policy.sleep(delay);
    } else if (!sleep_within(call, delay)) {
      return call.stop.stop_requested() ? cancelled_error() : deadline_error();
    }
  }
}

// Ends the flight however the leader leaves (a throw would otherwise wedge the callers waiting
// for it): records the outcome, caches a token, and wakes every waiter.
class FlightLanding {
 public:
  FlightLanding(TokenClientState& state, std::shared_ptr<Flight> flight) : state_(state), flight_(std::move(flight)) {}
  ~FlightLanding() {
    {
      std::lock_guard lock(state_.mutex);
      if (!flight_->result) flight_->result.emplace(Error{ErrorCode::connect_failed, "token request did not complete"});
      if (flight_->result->ok() && (*flight_->result)->expires_in) state_.cached.emplace(**flight_->result);
      flight_->done = true;
      if (state_.in_flight == flight_) state_.in_flight.reset();
    }
    state_.flight_done.notify_all();
  }
  FlightLanding(const FlightLanding&) = delete;
  FlightLanding& operator=(const FlightLanding&) = delete;

 private:
  TokenClientState& state_;
  std::shared_ptr<Flight> flight_;
};

Result<AccessToken> lead_request(TokenClientState& state, const std::shared_ptr<Flight>& flight,
                                 const TokenCallOptions& call) {
  Result<AccessToken> result = request_with_retries(state, call);
  {
    std::lock_guard lock(state.mutex);
    flight->result = result;
  }
  return result;
}

// An outcome that belongs to the caller that led the flight, not to those that waited for it.
bool is_leaders_own(const Result<AccessToken>& result) {
  return !result.ok() && (result.error().code == ErrorCode::cancelled || result.error().code == ErrorCode::deadline_exceeded);
}

}  // namespace

}  // namespace detail

// The opaque state the public header names; all of it is detail::TokenClientState.
struct TokenClient::Impl : detail::TokenClientState {
  using TokenClientState::TokenClientState;
};

Result<std::string> token_url_for_domain(std::string_view domain, const HttpOptions& http) {
  auto origin = detail::origin_for_domain(domain, http);
  if (!origin) return origin.error();
  return *origin + "/oauth/token";
}

Result<TokenClient> TokenClient::create(TokenClientOptions config) {
  if (config.client_id.empty()) return Error{ErrorCode::invalid_policy, "expected a client id, got none"};
  if (config.client_secret.empty()) return Error{ErrorCode::invalid_policy, "expected a client secret, got none"};
  std::string url;
  if (!config.token_url.empty()) {
    auto checked = detail::check_url(config.token_url, config.http);
    if (!checked) return checked.error();
    url = checked->url;
  } else if (!config.domain.empty()) {
    auto from_domain = token_url_for_domain(config.domain, config.http);
    if (!from_domain) return from_domain.error();
    url = std::move(*from_domain);
  } else {
    return Error{ErrorCode::invalid_url, "expected a token URL or a tenant domain, got neither"};
  }
  config.retry.max_retries = std::max(0, config.retry.max_retries);
  return TokenClient(std::make_shared<Impl>(std::move(config), std::move(url)));
}

Result<AccessToken> TokenClient::token(const TokenCallOptions& call) const {
  detail::TokenClientState& state = *state_;
  std::unique_lock lock(state.mutex);
  for (;;) {
    if (state.cached && detail::is_fresh(state.cached->rest, state)) return state.cached->token();
    if (!state.in_flight) break;
    // Wait for the request in flight, under this caller's own stop token and deadline.
    const std::shared_ptr<detail::Flight> flight = state.in_flight;
    const auto landed = [&] { return flight->done; };
    const bool done = call.deadline ? state.flight_done.wait_until(lock, call.stop, *call.deadline, landed)
                                    : state.flight_done.wait(lock, call.stop, landed);
    if (!done) return call.stop.stop_requested() ? detail::cancelled_error() : detail::deadline_error();
    if (!detail::is_leaders_own(*flight->result)) return *flight->result;
    // The leader was cancelled or ran out of time: try again (as the leader, if no one else is).
  }
  auto flight = std::make_shared<detail::Flight>();
  state.in_flight = flight;
  state.cached.reset();
  lock.unlock();
  detail::FlightLanding landing(state, flight);
  return detail::lead_request(state, flight, call);
}

void TokenClient::invalidate() const {
  std::lock_guard lock(state_->mutex);
  state_->cached.reset();
}

}  // namespace jwtcheck
