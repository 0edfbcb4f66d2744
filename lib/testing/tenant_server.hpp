// The HTTPS server behind LocalTenant: routes, fault injection, request counts, lifecycle.
#pragma once

#include <jwtcheck/dpop.hpp>
#include <jwtcheck/testing/local_tenant.hpp>

#include "testing/client_assertion_check.hpp"
#include "testing/fault_queue.hpp"
#include "testing/http_answer.hpp"
#include "testing/jwks_validators.hpp"
#include "testing/key_ring.hpp"
#include "testing/state_dir.hpp"
#include "testing/token_endpoint.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class SSLServer;
struct Request;
struct Response;
}  // namespace httplib

namespace jwtcheck::testing::detail {

class TenantServer {
 public:
  /// Generates the TLS credentials and first key, binds, and returns once the server accepts.
  static Result<std::unique_ptr<TenantServer>> start(LocalTenantOptions options);
  ~TenantServer();
  TenantServer(const TenantServer&) = delete;
  TenantServer& operator=(const TenantServer&) = delete;

  const std::string& base_url() const noexcept { return base_url_; }
  const std::string& domain() const noexcept { return domain_; }
  std::uint16_t port() const noexcept { return port_; }
  std::string ca_cert_path() const { return state_dir_.path() + "/ca.pem"; }
  const std::vector<TenantClient>& clients() const noexcept { return options_.clients; }
  TokenProfile token_profile() const noexcept { return options_.token_profile; }
  KeyRing& keys() noexcept { return *keys_; }
  const KeyRing& keys() const noexcept { return *keys_; }
  FaultQueue& faults() noexcept { return faults_; }
  void set_jwks_cache_control(std::string value);
  RequestCounts counts() const;
  void reset_counts();
  bool wait_for_requests(Endpoint endpoint, int count, std::chrono::milliseconds timeout) const;
  void wait();
  void stop();

  TenantServer(LocalTenantOptions options, StateDir state_dir, std::unique_ptr<KeyRing> keys);

 private:
  using Answerer = std::function<HttpAnswer(const httplib::Request&)>;

  Result<void> listen(std::unique_ptr<httplib::SSLServer> server);
  void serve_on_this_thread();
  void add_routes();
  void handle(Endpoint endpoint, const httplib::Request& request, httplib::Response& response,
              const Answerer& answer);
  void count(Endpoint endpoint) noexcept;
  void sleep_unless_stopping(std::chrono::milliseconds delay);
  HttpAnswer answer_token(const httplib::Request& request) const;
  HttpAnswer answer_jwks(const httplib::Request& request);

  LocalTenantOptions options_;
  StateDir state_dir_;
  std::string base_url_, domain_;
  std::uint16_t port_ = 0;
  TokenSettings token_settings_;
  std::unique_ptr<KeyRing> keys_;
  FaultQueue faults_;
  mutable std::mutex cache_control_mutex_;
  std::string jwks_cache_control_;
  JwksValidators jwks_validators_;
  mutable ClientAssertionCheck assertions_;  // private_key_jwt: signatures checked, jti remembered
  std::string dpop_nonce_;  // the nonce DPoP token requests must carry under require_dpop_nonce
  DpopVerifier dpop_;  // proofs sent with token requests: the token is bound to their key
  std::atomic<int> token_count_{0}, jwks_count_{0}, discovery_count_{0}, other_count_{0};
  mutable std::mutex count_mutex_;  // only pairs with count_changed_: the counts are atomics
  mutable std::condition_variable count_changed_;

  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  std::mutex stop_mutex_;     // guards the three flags below
  std::condition_variable stop_changed_;
  bool stopping_ = false, stopped_ = false, listener_ended_ = false;
  std::mutex join_mutex_;     // one stop() joins, others wait for it
};

}  // namespace jwtcheck::testing::detail
