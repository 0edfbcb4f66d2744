// The client-credentials TokenClient (lib/fetch/token_client.cpp) against the LocalTenant.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/token.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"

#include <barrier>
#include <optional>
#include <stop_token>
#include <set>

using namespace fetch_test;
using jwtcheck::ErrorCode;
using jwtcheck::TokenClient;
using jwtcheck::testing::Endpoint;
using jwtcheck::testing::Fault;

namespace {

TokenClient make_client(jwtcheck::TokenClientOptions config) {
  auto client = TokenClient::create(std::move(config));
  BOOST_TEST_REQUIRE(client.ok(), (client.ok() ? "" : client.error().message));
  return *client;
}

jwtcheck::Error expect_failure(const TokenClient& client, ErrorCode code) {
  auto token = client.token();
  BOOST_TEST_REQUIRE(!token.ok());
  BOOST_TEST(token.error().code == code, token.error().message);
  BOOST_TEST(token.error().message.find(client_secret) == std::string::npos);
  return token.error();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(token_client)

BOOST_AUTO_TEST_CASE(gets_a_jwt_for_the_audience) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto client = make_client(token_config(tenant, sleeps));
  auto token = client.token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : token.error().message));
  BOOST_TEST(token->token_type == "Bearer");
  BOOST_TEST(token->expires_in.value_or(0s) == 86400s);
  BOOST_TEST(token->scope == "read:reports write:reports");
  auto decoded = jwtcheck::decode_unverified(token->access_token);
  BOOST_TEST_REQUIRE(decoded.ok());
  BOOST_TEST(decoded->claims_json.find("\"sub\":\"fetch-test-client@clients\"") != std::string::npos);
  BOOST_TEST(decoded->claims_json.find(demo_audience) != std::string::npos);
  BOOST_TEST(tenant.counts().token == 1);
}

BOOST_AUTO_TEST_CASE(form_encoding_basic_auth_scope_and_domain_configuration_work) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  config.token_url.clear();
  config.domain = tenant.domain();
  config.format = jwtcheck::TokenRequestFormat::form;
  config.auth_method = jwtcheck::ClientAuthMethod::basic;
  config.scope = "read:reports";
  auto token = make_client(std::move(config)).token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : token.error().message));
  BOOST_TEST(token->scope == "read:reports");
  BOOST_TEST(tenant.counts().token == 1);

  auto json_basic = token_config(tenant, sleeps);
  json_basic.auth_method = jwtcheck::ClientAuthMethod::basic;
  auto second = make_client(std::move(json_basic)).token();
  BOOST_TEST(second.ok(), (second.ok() ? "" : second.error().message));
}

BOOST_AUTO_TEST_CASE(configuration_is_checked_before_any_request) {
  SleepRecorder sleeps;
  auto& tenant = shared_tenant();
  auto no_id = token_config(tenant, sleeps);
  no_id.client_id.clear();
  BOOST_TEST(TokenClient::create(std::move(no_id)).error().code == ErrorCode::invalid_policy);
  auto no_secret = token_config(tenant, sleeps);
  no_secret.client_secret = jwtcheck::Secret();
  BOOST_TEST(TokenClient::create(std::move(no_secret)).error().code == ErrorCode::invalid_policy);
  auto no_url = token_config(tenant, sleeps);
  no_url.token_url.clear();
  BOOST_TEST(TokenClient::create(std::move(no_url)).error().code == ErrorCode::invalid_url);
  auto http = token_config(tenant, sleeps);
  http.token_url = "http://tenant.example.com/oauth/token";
  BOOST_TEST(TokenClient::create(std::move(http)).error().code == ErrorCode::insecure_url);
  auto http_loopback = token_config(tenant, sleeps);
  http_loopback.token_url = "http://127.0.0.1:9/oauth/token";
  BOOST_TEST(TokenClient::create(std::move(http_loopback)).error().code == ErrorCode::insecure_url);
  auto userinfo = token_config(tenant, sleeps);
  userinfo.token_url = "https://id:pw@tenant.example.com/oauth/token";
  BOOST_TEST(TokenClient::create(std::move(userinfo)).error().code == ErrorCode::invalid_url);
  auto bad_domain = token_config(tenant, sleeps);
  bad_domain.token_url.clear();
  bad_domain.domain = "tenant.example.com/oauth/token";
  BOOST_TEST(TokenClient::create(std::move(bad_domain)).error().code == ErrorCode::invalid_url);
  BOOST_TEST(tenant.counts().token == 0);
}

BOOST_AUTO_TEST_CASE(a_wrong_secret_is_an_oauth_error_and_not_retried) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  const std::string wrong = "wrong-SECRET-4e8a0c2f";
  config.client_secret = jwtcheck::Secret(wrong);
  auto error = expect_failure(make_client(std::move(config)), ErrorCode::oauth_error);
  BOOST_TEST(error.message.find("access_denied") != std::string::npos);
  BOOST_TEST(error.message.find("Unauthorized") != std::string::npos);
  BOOST_TEST(error.message.find("401") != std::string::npos);
  BOOST_TEST(error.message.find(wrong) == std::string::npos);
  BOOST_TEST(tenant.counts().token == 1);
  BOOST_TEST(sleeps.delays().empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_audience_is_an_oauth_error) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  config.audience = "https://unknown.api.test";
  auto error = expect_failure(make_client(std::move(config)), ErrorCode::oauth_error);
  BOOST_TEST(error.message.find("access_denied") != std::string::npos);
  BOOST_TEST(error.message.find("https://unknown.api.test") != std::string::npos);
  BOOST_TEST(error.message.find("403") != std::string::npos);
  BOOST_TEST(tenant.counts().token == 1);
}

BOOST_AUTO_TEST_CASE(no_audience_gives_an_opaque_token) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  config.audience.clear();
  auto error = expect_failure(make_client(std::move(config)), ErrorCode::opaque_token);
  BOOST_TEST(error.message.find("the tenant returned an opaque access token: the audience was probably missing or unknown") == 0u);
}

BOOST_AUTO_TEST_CASE(server_errors_are_retried_with_backoff_then_reported) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::http_500, Endpoint::token});
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  config.retry.max_retries = 3;
  config.retry.base_delay = 100ms;
  config.retry.max_delay = 250ms;
  auto error = expect_failure(make_client(std::move(config)), ErrorCode::http_status);
  BOOST_TEST(error.message.find("500") != std::string::npos);
  BOOST_TEST(error.message.find("server_error") != std::string::npos);
  BOOST_TEST(tenant.counts().token == 4);
  const auto delays = sleeps.delays();
  BOOST_TEST_REQUIRE(delays.size() == 3u);
  BOOST_TEST((delays[0] >= 50ms && delays[0] <= 100ms));
  BOOST_TEST((delays[1] >= 100ms && delays[1] <= 200ms));
  BOOST_TEST((delays[2] >= 125ms && delays[2] <= 250ms));
}

BOOST_AUTO_TEST_CASE(a_passing_server_error_is_ridden_out) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::http_500, Endpoint::token, 2});
  SleepRecorder sleeps;
  auto token = make_client(token_config(tenant, sleeps)).token();
  BOOST_TEST(token.ok(), (token.ok() ? "" : token.error().message));
  BOOST_TEST(tenant.counts().token == 3);
  BOOST_TEST(sleeps.delays().size() == 2u);
}

BOOST_AUTO_TEST_CASE(rate_limiting_honours_retry_after) {
  auto& tenant = shared_tenant();
  Fault limited{Fault::Kind::http_429, Endpoint::token, 1};
  limited.retry_after_seconds = 2;
  tenant.add_fault(limited);
  SleepRecorder sleeps;
  auto token = make_client(token_config(tenant, sleeps)).token();
  BOOST_TEST(token.ok(), (token.ok() ? "" : token.error().message));
  BOOST_TEST(tenant.counts().token == 2);
  const auto delays = sleeps.delays();
  BOOST_TEST_REQUIRE(delays.size() == 1u);
  BOOST_TEST((delays[0] == 2000ms));
}

BOOST_AUTO_TEST_CASE(rate_limiting_that_persists_is_rate_limited) {
  auto& tenant = shared_tenant();
  Fault limited{Fault::Kind::http_429, Endpoint::token};
  limited.retry_after_seconds = 120;
  tenant.add_fault(limited);
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  config.retry.max_retries = 2;
  config.retry.max_server_delay = 5s;
  auto error = expect_failure(make_client(std::move(config)), ErrorCode::rate_limited);
  BOOST_TEST(error.message.find("too_many_requests") != std::string::npos);
  BOOST_TEST(tenant.counts().token == 3);
  const auto delays = sleeps.delays();
  BOOST_TEST_REQUIRE(delays.size() == 2u);
  BOOST_TEST((delays[0] == 5000ms && delays[1] == 5000ms));  // capped
}

BOOST_AUTO_TEST_CASE(invalid_json_and_oversized_answers_are_not_retried) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  tenant.add_fault(Fault{Fault::Kind::invalid_json, Endpoint::token});
  expect_failure(make_client(token_config(tenant, sleeps)), ErrorCode::invalid_response);
  BOOST_TEST(tenant.counts().token == 1);
  tenant.clear_faults();
  tenant.add_fault(Fault{Fault::Kind::oversized_body, Endpoint::token});
  expect_failure(make_client(token_config(tenant, sleeps)), ErrorCode::body_too_large);
  BOOST_TEST(tenant.counts().token == 2);
  BOOST_TEST(sleeps.delays().empty());
}

BOOST_AUTO_TEST_CASE(dropped_connections_are_retried) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  tenant.add_fault(Fault{Fault::Kind::drop_connection, Endpoint::token, 1});
  auto token = make_client(token_config(tenant, sleeps)).token();
  BOOST_TEST(token.ok(), (token.ok() ? "" : token.error().message));
  BOOST_TEST(tenant.counts().token == 2);
  tenant.add_fault(Fault{Fault::Kind::drop_connection, Endpoint::token});
  auto config = token_config(tenant, sleeps);
  config.retry.max_retries = 1;
  expect_failure(make_client(std::move(config)), ErrorCode::connect_failed);
  BOOST_TEST(tenant.counts().token == 4);
}

BOOST_AUTO_TEST_CASE(a_slow_endpoint_times_out_and_is_retried) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::token, -1, 1000ms});
  auto config = token_config(tenant, sleeps);
  config.http.total_timeout = 200ms;
  config.retry.max_retries = 1;
  expect_failure(make_client(std::move(config)), ErrorCode::timeout);
  BOOST_TEST(sleeps.delays().size() == 1u);
  BOOST_TEST(tenant.counts().token == 2);
}

BOOST_AUTO_TEST_CASE(tls_failures_are_not_retried) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto config = token_config(tenant, sleeps);
  config.http.ca_file.clear();  // the system store does not know the tenant's CA
  config.http.connect_timeout = 20s;  // loading the whole system store is slow under sanitizers
  config.http.total_timeout = 20s;
  expect_failure(make_client(std::move(config)), ErrorCode::tls_failed);
  BOOST_TEST(sleeps.delays().empty());
  BOOST_TEST(tenant.counts().token == 0);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_share_one_request_and_the_cache) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::token, 1, 300ms});  // keep the first request in flight
  SleepRecorder sleeps;
  auto client = make_client(token_config(tenant, sleeps));
  constexpr int callers = 16;
  std::vector<std::string> tokens(callers);
  std::vector<std::thread> threads;
  std::barrier start(callers);
  for (int i = 0; i < callers; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      auto token = client.token();
      if (token.ok()) tokens[i] = token->access_token;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(tenant.counts().token == 1);
  BOOST_TEST(std::set<std::string>(tokens.begin(), tokens.end()).size() == 1u);
  BOOST_TEST(!tokens[0].empty());
  auto again = client.token();
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(again->access_token == tokens[0]);
  BOOST_TEST(tenant.counts().token == 1);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_share_a_failure_too) {
  auto& tenant = shared_tenant();
  // The delay keeps the failing request in flight until every caller has joined it.
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::token, 1, 600ms});
  tenant.add_fault(Fault{Fault::Kind::invalid_json, Endpoint::token, 1});
  SleepRecorder sleeps;
  auto client = make_client(token_config(tenant, sleeps));
  constexpr int callers = 8;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  std::barrier start(callers);
  for (int i = 0; i < callers; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      auto token = client.token();
      if (!token.ok() && token.error().code == ErrorCode::invalid_response) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(failures.load() == callers);
  BOOST_TEST(tenant.counts().token == 1);
  auto later = client.token();  // a failure is not cached
  BOOST_TEST(later.ok());
  BOOST_TEST(tenant.counts().token == 2);
}

BOOST_AUTO_TEST_CASE(an_expiring_token_is_fetched_again) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  ManualClock clock;
  auto config = token_config(tenant, sleeps);
  config.clock = clock.clock();
  config.expiry_margin = 60s;
  auto client = make_client(std::move(config));
  auto first = client.token();
  BOOST_TEST_REQUIRE(first.ok());
  clock.advance(86400s - 61s);  // still outside the margin
  auto cached = client.token();
  BOOST_TEST_REQUIRE(cached.ok());
  BOOST_TEST(cached->access_token == first->access_token);
  BOOST_TEST(tenant.counts().token == 1);
  clock.advance(2s);  // inside the margin: renewed
  auto renewed = client.token();
  BOOST_TEST_REQUIRE(renewed.ok());
  BOOST_TEST(tenant.counts().token == 2);
  client.invalidate();
  BOOST_TEST(client.token().ok());
  BOOST_TEST(tenant.counts().token == 3);
}

BOOST_AUTO_TEST_CASE(copies_share_the_cache) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  auto client = make_client(token_config(tenant, sleeps));
  const TokenClient copy = client;
  BOOST_TEST(client.token().ok());
  BOOST_TEST(copy.token().ok());
  BOOST_TEST(tenant.counts().token == 1);
}

BOOST_AUTO_TEST_SUITE_END()

// Cancellation and deadlines (TokenCallOptions). Each case has a tenant of its own whose token
// endpoint holds every request for 10 s; stopping the tenant at the end releases it.
BOOST_AUTO_TEST_SUITE(token_client_cancellation)

namespace {

struct HeldTenant {
  std::unique_ptr<jwtcheck::testing::LocalTenant> tenant = start_tenant();
  SleepRecorder sleeps;
  HeldTenant() { tenant->add_fault(Fault{Fault::Kind::delay, Endpoint::token, -1, 10s}); }
  TokenClient client() {
    auto config = token_config(*tenant, sleeps);
    config.http.total_timeout = 30s;  // longer than the hold: only the call options end the call
    return make_client(std::move(config));
  }
};

using SteadyTime = std::chrono::steady_clock::time_point;
std::chrono::milliseconds since(SteadyTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_stop_request_from_another_thread_ends_the_call_promptly) {
  HeldTenant held;
  const TokenClient client = held.client();
  std::stop_source stop;
  std::atomic<SteadyTime> stopped_at{};
  std::thread canceller([&] {
    // Once the request is being served (held by the delay), cancel it.
    BOOST_TEST(held.tenant->wait_for_requests(Endpoint::token, 1, 10000ms));
    stopped_at = std::chrono::steady_clock::now();
    stop.request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  jwtcheck::TokenCallOptions call;
  call.stop = stop.get_token();
  auto token = client.token(call);
  const auto returned = std::chrono::steady_clock::now();
  canceller.join();
  BOOST_TEST_REQUIRE(!token.ok());
  BOOST_TEST(token.error().code == ErrorCode::cancelled, token.error().message);
  BOOST_TEST(token.error().message.find(client_secret) == std::string::npos);
  BOOST_TEST((returned - stopped_at.load()) < 2s);  // libcurl polls about once a second
  BOOST_TEST((returned - started) < 9s);            // well before the tenant answers
  BOOST_TEST(held.tenant->counts().token == 1);
  BOOST_TEST(held.sleeps.delays().empty());  // a cancelled call is not retried
}

BOOST_AUTO_TEST_CASE(a_deadline_ends_the_call_with_deadline_exceeded) {
  HeldTenant held;
  const TokenClient client = held.client();
  const auto started = std::chrono::steady_clock::now();
  jwtcheck::TokenCallOptions call;
  call.deadline = started + 500ms;
  auto token = client.token(call);
  BOOST_TEST_REQUIRE(!token.ok());
  BOOST_TEST(token.error().code == ErrorCode::deadline_exceeded, token.error().message);
  BOOST_TEST(since(started) >= 500ms);
  BOOST_TEST(since(started) < 2500ms);
  BOOST_TEST(held.sleeps.delays().empty());
  // A deadline already past: nothing is sent.
  call.deadline = std::chrono::steady_clock::now() - 1ms;
  held.tenant->reset_counts();
  auto late = client.token(call);
  BOOST_TEST_REQUIRE(!late.ok());
  BOOST_TEST(late.error().code == ErrorCode::deadline_exceeded);
  BOOST_TEST(held.tenant->counts().token == 0);
}

// A caller that joins another caller's request waits under its own stop token: cancelling it
// ends its wait at once and sends nothing; the first caller's request goes on.
BOOST_AUTO_TEST_CASE(a_caller_waiting_for_another_callers_request_is_cancelled_on_its_own) {
  HeldTenant held;
  const TokenClient client = held.client();
  std::optional<jwtcheck::Result<jwtcheck::AccessToken>> leader_result;
  std::thread leader([&] {
    jwtcheck::TokenCallOptions call;
    call.deadline = std::chrono::steady_clock::now() + 3s;
    leader_result.emplace(client.token(call));
  });
  BOOST_TEST_REQUIRE(held.tenant->wait_for_requests(Endpoint::token, 1, 10000ms));
  std::stop_source stop;
  std::atomic<SteadyTime> stopped_at{};
  std::thread canceller([&] {
    stopped_at = std::chrono::steady_clock::now();
    stop.request_stop();
  });
  jwtcheck::TokenCallOptions call;
  call.stop = stop.get_token();
  auto follower = client.token(call);
  const auto returned = std::chrono::steady_clock::now();
  canceller.join();
  BOOST_TEST_REQUIRE(!follower.ok());
  BOOST_TEST(follower.error().code == ErrorCode::cancelled, follower.error().message);
  BOOST_TEST((returned - stopped_at.load()) < 2s);
  leader.join();
  BOOST_TEST_REQUIRE(leader_result.has_value());
  BOOST_TEST_REQUIRE(!leader_result->ok());
  BOOST_TEST(leader_result->error().code == ErrorCode::deadline_exceeded);
  BOOST_TEST(held.tenant->counts().token == 1);  // the follower sent nothing of its own
}

BOOST_AUTO_TEST_SUITE_END()
