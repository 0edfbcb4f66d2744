// jwtcheck authz — the HTTP service: /check (and anything under it), /healthz, /readyz,
// /metrics; the config in force swapped atomically on reload.
#pragma once

#include "authz_config.hpp"
#include "http_server.hpp"
#include "issuer_counter_carry.hpp"
#include "issuer_registry.hpp"
#include "service_metrics.hpp"

#include <jwtcheck/dpop.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/signals.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace jwtcheck::cli::authz {

/// A config and the issuers built from it: what one generation of the service runs on.
struct ServiceState {
  AuthzConfig config;
  std::unique_ptr<IssuerRegistry> issuers;
};

/// Builds a ServiceState (reads the config and JWKS files again on each call).
using StateLoader = std::function<Result<std::shared_ptr<const ServiceState>>()>;

class AuthzService {
 public:
  /// `transport`: threads, connection cap, limits and timeouts of the HTTP layer.
  AuthzService(std::shared_ptr<const ServiceState> initial, StateLoader loader, HttpServerOptions transport = {});
  ~AuthzService();
  AuthzService(const AuthzService&) = delete;
  AuthzService& operator=(const AuthzService&) = delete;

  /// Binds the listen (and admin) address now, so the caller knows it is listening.
  /// Errors: invalid_policy for a malformed address, io_error when it cannot bind.
  Result<void> bind();
  /// The addresses bound (port 0 replaced by the port the system chose); admin: empty if none.
  const std::string& listen_address() const noexcept { return listen_; }
  const std::string& admin_address() const noexcept { return admin_listen_; }
  /// Serves until stop(); returns after in-flight requests have been answered.
  void run();
  /// Stops accepting connections; run() returns once the requests under way are answered.
  void stop();
  /// Loads the config again; on success it serves every following request, on failure the
  /// old one stays in force. Returns the loader's error. The counters of the issuers the new
  /// config still names continue from where they were (IssuerCounterCarry).
  Result<void> reload();

 private:
  // One config generation in service. Requests hold it (through state()) while they use it; once
  // a reload has replaced it, the last of them to let go adds what it counted since the reload.
  struct Generation {
    std::shared_ptr<const ServiceState> state;
    IssuerCounterCarry* carry = nullptr;  // set by the reload that retires it
    SignalsSnapshot at_reload;
    ~Generation();
  };

  std::shared_ptr<const ServiceState> state() const;
  // The issuers' counters since the service started (carried over reloads) and their health now.
  SignalsSnapshot issuer_signals() const;
  // Every request to the main listener (and the admin one when `admin` is true).
  void answer(const HttpRequestView& request, HttpResponse& response, bool admin);
  void answer_check(const HttpRequestView& request, HttpResponse& response);

  IssuerCounterCarry carry_;  // declared before generation_: outlives every Generation
  mutable std::mutex state_mutex_;  // guards generation_ (the pointer) and its swap with carry_
  std::shared_ptr<Generation> generation_;
  StateLoader loader_;
  DpopVerifier dpop_;  // DPoP proofs: its replay cache spans reloads
  ServiceMetrics metrics_;
  std::atomic<std::uint64_t> reloads_ok_{0}, reloads_failed_{0};
  HttpServer server_;  // the main and the admin listener, on one io_context
  std::string listen_, admin_listen_;
};

}  // namespace jwtcheck::cli::authz
