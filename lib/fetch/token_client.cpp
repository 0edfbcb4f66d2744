#include <jwtcheck/fetch/token_client.hpp>

#include <jwtcheck/fetch/client_assertion.hpp>
#include <jwtcheck/fetch/dpop_proof.hpp>

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
  std::string dpop_nonce;  // the token endpoint's latest DPoP-Nonce; empty: none yet

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

std::string current_nonce(TokenClientState& state) {
  std::lock_guard lock(state.mutex);
  return state.dpop_nonce;
}

void remember_nonce(TokenClientState& state, const HttpResponse& response) {
  const auto nonce = response.header("dpop-nonce");
  if (!nonce || nonce->empty() || nonce->size() > 512) return;
  std::lock_guard lock(state.mutex);
  state.dpop_nonce = std::string(*nonce);
}

// RFC 9449 §8: 400 with error "use_dpop_nonce" and a DPoP-Nonce header.
bool asks_for_nonce(const HttpResponse& response, const Error& error) {
  return response.status == 400 && error.code == ErrorCode::oauth_error &&
         error.message.find("use_dpop_nonce") != std::string::npos && response.header("dpop-nonce").has_value();
}

// What one request sends beside the body: a fresh client assertion and a fresh DPoP proof.
struct Credentials {
  std::string assertion, proof;
};

Result<Credentials> fresh_credentials(TokenClientState& state) {
  Credentials made;
  const TokenClientOptions& config = state.config;
  if (config.auth_method == ClientAuthMethod::private_key_jwt) {
    auto assertion = make_client_assertion(*config.client_assertion_key, config.client_id, state.token_url,
                                           config.client_assertion_lifetime);
    if (!assertion) return assertion.error();
    made.assertion = std::move(*assertion);
  }
  if (config.dpop_key) {
    const std::string nonce = current_nonce(state);
    auto proof = make_dpop_proof(*config.dpop_key, {"POST", state.token_url, {}, nonce});
    if (!proof) return proof.error();
    made.proof = std::move(*proof);
  }
  return made;
}

Attempt attempt_once(TokenClientState& state, const TokenCallOptions& call) {
  for (int round = 0;; ++round) {
    auto credentials = fresh_credentials(state);
    if (!credentials) return Attempt{credentials.error(), false, std::nullopt};
    TokenRequest request;  // wiped when it goes out of scope, right after the request
    build_token_request(state.config, request, credentials->assertion);
    const auto started = now(state);
    HttpRequest http_request{state.token_url, request.body.view(), request.content_type,
                             request.authorization.view(),
                             std::min(max_token_response_bytes, state.config.http.max_response_bytes)};
    http_request.dpop = credentials->proof;
    http_request.stop = call.stop;
    http_request.deadline = call.deadline;
    auto response = state.http.perform(http_request);
    if (!response) {
      const bool transient = is_transient(response.error().code);
      return Attempt{response.error(), transient, std::nullopt};
    }
    if (state.config.dpop_key) remember_nonce(state, *response);
    if (response->status >= 200 && response->status < 300) {
      return Attempt{parse_token_response(response->body, started), false, std::nullopt};
    }
    Error error = token_error_from_response(*response, state.token_url, state.config.client_secret.reveal());
    // A nonce challenge is answered once, at once, with a new proof carrying the nonce.
    if (state.config.dpop_key && round == 0 && asks_for_nonce(*response, error)) continue;
    const bool retryable = response->status >= 500 || error.code == ErrorCode::rate_limited;
  return Attempt{std::move(error), retryable,
                 server_requested_delay(*response, epoch_seconds_now(), state.config.retry)};
  }
}

Result<AccessToken> request_with_retries(TokenClientState& state, const TokenCallOptions& call) {
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

namespace detail {
namespace {

// One credential, the one auth_method names.
std::optional<Error> check_credentials(const TokenClientOptions& config) {
  const auto refuse = [](std::string message) { return Error{ErrorCode::invalid_policy, std::move(message)}; };
  const bool has_cert = !config.http.client_cert_file.empty(), has_cert_key = !config.http.client_key_file.empty();
  if (has_cert != has_cert_key)
    return refuse("expected a client certificate and its private key together, got only the " +
                  std::string(has_cert ? "certificate" : "key"));
  switch (config.auth_method) {
    case ClientAuthMethod::request_body:
    case ClientAuthMethod::basic:
      if (config.client_assertion_key)
        return refuse("expected either a client secret or a private key (private_key_jwt), got a private key "
                      "with a secret authentication method");
      if (config.client_secret.empty()) return refuse("expected a client secret, got none");
      return std::nullopt;
    case ClientAuthMethod::private_key_jwt:
      if (!config.client_secret.empty())
        return refuse("expected either a client secret or a private key (private_key_jwt), got both");
      if (!config.client_assertion_key) return refuse("expected a private key for private_key_jwt, got none");
      if (config.client_assertion_lifetime.count() < 1 || config.client_assertion_lifetime > max_client_assertion_lifetime)
        return refuse("expected a client assertion lifetime of 1 to 300 seconds, got " +
                      std::to_string(config.client_assertion_lifetime.count()));
      return std::nullopt;
    case ClientAuthMethod::tls_client_auth:
      if (!config.client_secret.empty() || config.client_assertion_key)
        return refuse("expected only a client certificate for tls_client_auth, got a secret or private key too");
      if (!has_cert) return refuse("expected a client certificate and key for tls_client_auth, got none");
      return std::nullopt;
  }
  return refuse("unknown client authentication method");
}

}  // namespace
}  // namespace detail

Result<TokenClient> TokenClient::create(TokenClientOptions config) {
  if (config.client_id.empty()) return Error{ErrorCode::invalid_policy, "expected a client id, got none"};
  if (auto refused = detail::check_credentials(config)) return *refused;
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
