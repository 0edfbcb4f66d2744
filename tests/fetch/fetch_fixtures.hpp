// Shared pieces of the fetch tests: a tenant with its CA, a clock tests can move, a plain-http
// stub server for answers a real tenant never gives, and a recorder for retry sleeps.
#pragma once

#include <jwtcheck/fetch/http_options.hpp>
#include <jwtcheck/fetch/steady_clock.hpp>
#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/testing/local_tenant.hpp>

#include <boost/test/unit_test.hpp>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fetch_test {

using namespace std::chrono_literals;

/// A steady clock that only moves when told to.
class ManualClock {
 public:
  jwtcheck::SteadyClock clock() const {
    return [offset = offset_, base = base_] { return base + std::chrono::milliseconds(offset->load()); };
  }
  void advance(std::chrono::milliseconds by) { *offset_ += by.count(); }

 private:
  std::shared_ptr<std::atomic<std::int64_t>> offset_ = std::make_shared<std::atomic<std::int64_t>>(0);
  std::chrono::steady_clock::time_point base_ = std::chrono::steady_clock::now();
};

/// Records the waits a RetryPolicy asks for instead of sleeping.
class SleepRecorder {
 public:
  std::function<void(std::chrono::milliseconds)> sleep() {
    return [self = state_](std::chrono::milliseconds d) {
      std::lock_guard lock(self->mutex);
      self->delays.push_back(d);
    };
  }
  std::vector<std::chrono::milliseconds> delays() const {
    std::lock_guard lock(state_->mutex);
    return state_->delays;
  }

 private:
  struct State {
    std::mutex mutex;
    std::vector<std::chrono::milliseconds> delays;
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
};

inline const std::string demo_audience = "https://api.jwtcheck.test";
/// The secret of the tenant's client in these tests: distinctive, so a leak is easy to find.
inline const std::string client_secret = "fetch-test-SECRET-9f2c1d7e5b3a";

inline jwtcheck::testing::TenantClient test_client() {
  jwtcheck::testing::TenantClient client;
  client.client_id = "fetch-test-client";
  client.client_secret = client_secret;
  client.audience_scopes[demo_audience] = "read:reports write:reports";
  return client;
}

inline std::unique_ptr<jwtcheck::testing::LocalTenant> start_tenant(jwtcheck::testing::LocalTenantOptions options = {}) {
  if (options.clients.empty()) options.clients = {test_client()};
  auto tenant = jwtcheck::testing::LocalTenant::start(std::move(options));
  BOOST_TEST_REQUIRE(tenant.ok(), (tenant.ok() ? "" : tenant.error().message));
  return std::move(*tenant);
}

/// One tenant shared by the tests that neither rotate keys nor stop it (starting one costs
/// key generation): faults, counts and the JWKS Cache-Control are reset on every call.
inline jwtcheck::testing::LocalTenant& shared_tenant() {
  static std::unique_ptr<jwtcheck::testing::LocalTenant> tenant = start_tenant();
  tenant->clear_faults();
  tenant->reset_counts();
  tenant->set_jwks_cache_control("public, max-age=600");
  return *tenant;
}

/// Trusts the tenant's CA; short timeouts keep failing tests fast.
inline jwtcheck::HttpOptions http_for(const jwtcheck::testing::LocalTenant& tenant) {
  jwtcheck::HttpOptions http;
  http.ca_file = tenant.ca_cert_path();
  http.connect_timeout = 2s;
  http.total_timeout = 4s;
  return http;
}

inline jwtcheck::TokenClientOptions token_config(const jwtcheck::testing::LocalTenant& tenant, SleepRecorder& sleeps) {
  jwtcheck::TokenClientOptions config;
  config.token_url = tenant.token_url();
  config.client_id = "fetch-test-client";
  config.client_secret = jwtcheck::Secret(client_secret);
  config.audience = demo_audience;
  config.http = http_for(tenant);
  config.retry.sleep = sleeps.sleep();
  return config;
}

/// A plain-http server on 127.0.0.1 with routes set up before it starts; stops when destroyed.
class StubServer {
 public:
  explicit StubServer(const std::function<void(httplib::Server&)>& routes) {
    routes(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    BOOST_TEST_REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // cpp-httplib 0.11 has no wait_until_ready(): poll the flag it sets, within a deadline.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!server_.is_running() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    BOOST_TEST_REQUIRE(server_.is_running());
  }
  ~StubServer() {
    server_.stop();
    thread_.join();
  }
  StubServer(const StubServer&) = delete;
  StubServer& operator=(const StubServer&) = delete;

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  std::string https_url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

/// HttpOptions that allow http to the stub.
inline jwtcheck::HttpOptions stub_http() {
  jwtcheck::HttpOptions http;
  http.allow_http_loopback = true;
  http.connect_timeout = 2s;
  http.total_timeout = 4s;
  return http;
}

}  // namespace fetch_test
