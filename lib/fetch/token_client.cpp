#include <jwtcheck/fetch/token_client.hpp>

#include "fetch/http_client.hpp"
#include "fetch/printable_text.hpp"
#include "fetch/retry_delay.hpp"
#include "fetch/token_request.hpp"
#include "fetch/token_response.hpp"
#include "fetch/url.hpp"

#include <future>
#include <mutex>
#include <random>
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

struct TokenClientState {
  TokenClientConfig config;
  std::string token_url;
  HttpClient http;

  std::mutex mutex;  // guards the two members below; never held during a request
  std::optional<CachedToken> cached;
  std::optional<std::shared_future<Result<AccessToken>>> in_flight;

  TokenClientState(TokenClientConfig c, std::string url)
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

Attempt attempt_once(const TokenClientState& state) {
  TokenRequest request;  // wiped when it goes out of scope, right after the request
  build_token_request(state.config, request);
  const auto started = now(state);
  HttpRequest http_request{state.token_url, request.body.view(), request.content_type,
                           request.authorization.view(),
                           std::min(max_token_response_bytes, state.config.http.max_response_bytes)};
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

Result<AccessToken> request_with_retries(const TokenClientState& state) {
  const RetryPolicy& policy = state.config.retry;
  std::minstd_rand random(std::random_device{}());
  for (int retry = 0;; ++retry) {
    Attempt attempt = attempt_once(state);
    if (attempt.result.ok()) return std::move(attempt.result);
    if (!attempt.retryable || retry >= policy.max_retries) {
      // Whatever the server sent back (a body, a redirect target) never carries the secret out.
      Error error = std::move(attempt.result).error();
      error.message = redact_request_secrets(error.message, state.config);
      return error;
    }
    const auto delay = attempt.server_delay ? *attempt.server_delay : backoff_delay(policy, retry, random);
    if (policy.sleep) policy.sleep(delay);
    else std::this_thread::sleep_for(delay);
  }
}

// Clears the in-flight marker however the leader leaves (a throw would otherwise wedge callers).
class InFlightReset {
 public:
  explicit InFlightReset(TokenClientState& state) : state_(state) {}
  ~InFlightReset() {
    std::lock_guard lock(state_.mutex);
    state_.in_flight.reset();
  }
  InFlightReset(const InFlightReset&) = delete;
  InFlightReset& operator=(const InFlightReset&) = delete;

 private:
  TokenClientState& state_;
};

Result<AccessToken> lead_request(TokenClientState& state, std::promise<Result<AccessToken>>& promise) {
  Result<AccessToken> result = Error{ErrorCode::connect_failed, "token request did not complete"};
  {
    InFlightReset reset(state);
    result = request_with_retries(state);
    if (result.ok() && result->expires_in) {
      std::lock_guard lock(state.mutex);
      state.cached.emplace(*result);
    }
  }
  promise.set_value(result);
  return result;
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

Result<TokenClient> TokenClient::create(TokenClientConfig config) {
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

Result<AccessToken> TokenClient::token() const {
  detail::TokenClientState& state = *state_;
  std::unique_lock lock(state.mutex);
  if (state.cached && detail::is_fresh(state.cached->rest, state)) return state.cached->token();
  if (state.in_flight) {
    auto shared = *state.in_flight;
    lock.unlock();
    return shared.get();
  }
  std::promise<Result<AccessToken>> promise;
  state.in_flight = promise.get_future().share();
  state.cached.reset();
  lock.unlock();
  return detail::lead_request(state, promise);
}

void TokenClient::invalidate() const {
  std::lock_guard lock(state_->mutex);
  state_->cached.reset();
}

}  // namespace jwtcheck
