#include "authz_service.hpp"

#include "decision.hpp"
#include "listen_address.hpp"
#include "refusal_log.hpp"

#include "../json_output.hpp"

#include <httplib.h>

#include <sys/socket.h>

#include <chrono>

namespace jwtcheck::cli::authz {

namespace {

constexpr std::string_view check_prefix = "/check";
// Keep-alive connections each hold a worker thread of cpp-httplib's pool while open.
constexpr std::size_t worker_threads = 128;

std::string header(const httplib::Request& request, const char* name) {
  return request.get_header_value(name);
}

std::string json_reason(std::string_view status, std::string_view reason, std::string_view description) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  write_member(out, "status", status);
  if (!reason.empty()) write_member(out, "reason", reason);
  if (!description.empty()) write_member(out, "description", description);
  out.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::unique_ptr<httplib::Server> make_server() {
  auto server = std::make_unique<httplib::Server>();
  server->new_task_queue = [] { return new httplib::ThreadPool(worker_threads); };
  server->set_tcp_nodelay(true);  // headers and body go out in separate writes: no Nagle delay
  server->set_keep_alive_max_count(100000);
  server->set_keep_alive_timeout(5);
  server->set_payload_max_length(64 * 1024);
  server->set_read_timeout(10, 0);
  server->set_write_timeout(10, 0);
  return server;
}

// Binds `text`; port 0 takes any free port, and `text` is rewritten to the address bound.
// Exclusively: cpp-httplib's default also sets SO_REUSEPORT, which would let a second service
// bind the same port and take a share of the gateway's requests at random.
Result<void> bind_server(httplib::Server& server, std::string& text) {
  auto address = parse_listen_address(text);
  if (!address) return std::move(address).error();
  server.set_socket_options([](socket_t sock) {
    const int reuse_address = 1;  // a restart over TIME_WAIT sockets only
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &reuse_address, sizeof(reuse_address));
  });
  const bool bound = address->port == 0 ? (address->port = server.bind_to_any_port(address->host)) > 0
                                        : server.bind_to_port(address->host, address->port);
  if (!bound) {
    return Error{ErrorCode::io_error, "cannot listen on " + text + " (address in use, or not a local address?)"};
  }
  const bool v6 = address->host.find(':') != std::string::npos;
  text = (v6 ? "[" + address->host + "]" : address->host) + ":" + std::to_string(address->port);
  return {};
}

}  // namespace

AuthzService::AuthzService(std::shared_ptr<const ServiceState> initial, StateLoader loader)
    // Default DPoP options never fail create(); one verifier for the life of the service, so
    // that a reload does not forget the proofs already seen.
    : state_(std::move(initial)), loader_(std::move(loader)), dpop_(*DpopVerifier::create()) {
  listen_ = state_->config.listen;
  admin_listen_ = state_->config.admin_listen;
  server_ = make_server();
  server_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
    return answer(request, response, admin_listen_.empty()) ? httplib::Server::HandlerResponse::Handled
                                                           : httplib::Server::HandlerResponse::Unhandled;
  });
  if (!admin_listen_.empty()) {
    admin_ = make_server();
    admin_->new_task_queue = [] { return new httplib::ThreadPool(4); };
    admin_->set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      if (request.path == "/check" || request.path.starts_with("/check/")) return httplib::Server::HandlerResponse::Unhandled;
      return answer(request, response, true) ? httplib::Server::HandlerResponse::Handled
                                            : httplib::Server::HandlerResponse::Unhandled;
    });
  }
}

AuthzService::~AuthzService() = default;

std::shared_ptr<const ServiceState> AuthzService::state() const {
  const std::lock_guard lock(state_mutex_);
  return state_;
}

Result<void> AuthzService::bind() {
  if (auto r = bind_server(*server_, listen_); !r) return r;
  if (admin_) return bind_server(*admin_, admin_listen_);
  return {};
}

void AuthzService::run() {
  std::thread admin_thread;
  if (admin_) admin_thread = std::thread([this] { admin_->listen_after_bind(); });
  server_->listen_after_bind();
  if (admin_thread.joinable()) admin_thread.join();
}

void AuthzService::stop() {
  server_->stop();
  if (admin_) admin_->stop();
}

Result<void> AuthzService::reload() {
  auto loaded = loader_();
  if (!loaded) {
    ++reloads_failed_;
    return std::move(loaded).error();
  }
  {
    const std::lock_guard lock(state_mutex_);
    state_ = std::move(*loaded);
  }
  ++reloads_ok_;
  return {};
}

bool AuthzService::answer(const httplib::Request& request, httplib::Response& response, bool admin) {
  const std::string& path = request.path;
  if (path == check_prefix || path.starts_with("/check/")) {
    answer_check(request, response);
    return true;
  }
  if (path == "/healthz") {
    response.set_content(json_reason("alive", "", ""), "application/json");
    return true;
  }
  if (path == "/readyz") {
    const std::string reason = state()->issuers->not_ready_reason();
    response.status = reason.empty() ? 200 : 503;
    response.set_content(json_reason(reason.empty() ? "ready" : "not_ready", "", reason), "application/json");
    return true;
  }
  if (admin && path == "/metrics") {
    const auto current = state();
    response.set_content(metrics_.prometheus_text(*current->issuers, reloads_ok_, reloads_failed_),
                         "text/plain; version=0.0.4; charset=utf-8");
    return true;
  }
  response.status = 404;
  response.set_content(json_reason("not_found", "", "the check path is /check"), "application/json");
  return true;
}

void AuthzService::answer_check(const httplib::Request& request, httplib::Response& response) {
  const auto started = std::chrono::steady_clock::now();
  // The original request: Caddy and Traefik send X-Forwarded-*, nginx configs X-Original-*;
  // Envoy's ext_authz sends the original method, and the original path under the prefix.
  std::string method = header(request, "X-Forwarded-Method");
  if (method.empty()) method = header(request, "X-Original-Method");
  if (method.empty()) method = request.method;
  std::string uri = header(request, "X-Forwarded-Uri");
  if (uri.empty()) uri = header(request, "X-Original-URI");
  if (uri.empty()) {
    const std::string_view target = request.target;
    uri = target.size() > check_prefix.size() ? std::string(target.substr(check_prefix.size())) : "/";
  }
  const std::string authorization = header(request, "Authorization");
  // For sender-constrained tokens (DPoP's htu): the URL the client used, as the gateway saw it.
  const std::string dpop = header(request, "DPoP");
  const std::string scheme = header(request, "X-Forwarded-Proto");
  std::string host = header(request, "X-Forwarded-Host");
  if (host.empty()) host = header(request, "Host");

  const auto current = state();
  Decision decision;
  // A client could send one convention's headers through a gateway that sets the other's:
  // when both are there, which one the gateway wrote is unknowable, so the check is refused.
  if ((request.has_header("X-Forwarded-Uri") && request.has_header("X-Original-URI")) ||
      (request.has_header("X-Forwarded-Method") && request.has_header("X-Original-Method"))) {
    decision.status = 403;
    decision.reason = "ambiguous_request";
    decision.description = "both X-Forwarded-* and X-Original-* name the original request";
  } else {
    decision = decide(current->config, *current->issuers, dpop_, CheckRequest{method, uri, authorization, dpop,
                                                                          request.get_header_value_count("DPoP"),
                                                                          scheme, host});
  }

  response.status = decision.status;
  for (const auto& [name, value] : decision.headers) response.set_header(name, value);
  if (!decision.www_authenticate.empty()) response.set_header("WWW-Authenticate", decision.www_authenticate);
  if (decision.status == 503) response.set_header("Retry-After", "1");
  response.set_header("Cache-Control", "no-store");
  response.set_content(decision.status == 200 ? json_reason("allowed", "", "")
                                              : json_reason("refused", decision.reason, decision.description),
                       "application/json");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(decision, seconds);
  if (decision.status != 200) {
    write_log_line(refusal_log_line(decision, method, uri, header(request, "X-Request-Id")));
  }
}

}  // namespace jwtcheck::cli::authz
