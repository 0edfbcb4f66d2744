#include "authz_service.hpp"

#include "decision.hpp"
#include "readiness.hpp"
#include "listen_address.hpp"
#include "refusal_log.hpp"

#include "../json_output.hpp"

#include <chrono>

namespace jwtcheck::cli::authz {

namespace {

constexpr std::string_view check_prefix = "/check";

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

}  // namespace

AuthzService::AuthzService(std::shared_ptr<const ServiceState> initial, StateLoader loader,
                           HttpServerOptions transport)
    // Default DPoP options never fail create(); one verifier for the life of the service, so
    // that a reload does not forget the proofs already seen.
    : generation_(std::make_shared<Generation>()), loader_(std::move(loader)), dpop_(*DpopVerifier::create()),
      server_(transport) {
  generation_->state = std::move(initial);
  listen_ = generation_->state->config.listen;
  admin_listen_ = generation_->state->config.admin_listen;
}

AuthzService::~AuthzService() = default;

AuthzService::Generation::~Generation() {
  if (carry == nullptr) return;  // still in service when the service ends
  try {
    carry->add_late(at_reload, state->issuers->snapshot());
  } catch (...) {
    // Out of memory: the late counts are lost, no counter goes down.
  }
}

std::shared_ptr<const ServiceState> AuthzService::state() const {
  const std::lock_guard lock(state_mutex_);
  // Shares the generation's ownership: it lives while a request uses its state.
  return std::shared_ptr<const ServiceState>(generation_, generation_->state.get());
}

SignalsSnapshot AuthzService::issuer_signals() const {
  // Under the lock that swaps the generations: the set in service and the counts carried from
  // the earlier ones are read together, so a reload can never make a counter seem to go down.
  const std::lock_guard lock(state_mutex_);
  return carry_.add_to(generation_->state->issuers->snapshot());
}

Result<void> AuthzService::bind() {
  const bool separate_admin = !admin_listen_.empty();
  if (auto r = server_.listen(listen_, [this, separate_admin](const HttpRequestView& request, HttpResponse& response) {
        answer(request, response, !separate_admin);
      });
      !r) {
    return r;
  }
  if (!separate_admin) return {};
  return server_.listen(admin_listen_, [this](const HttpRequestView& request, HttpResponse& response) {
    if (request.path == check_prefix || request.path.starts_with("/check/")) {
      response.status = 404;
      response.body = json_reason("not_found", "", "the check path is on the main listener");
      return;
    }
    answer(request, response, true);
  });
}

void AuthzService::run() { server_.run(); }

void AuthzService::stop() { server_.stop(); }

Result<void> AuthzService::reload() {
  auto loaded = loader_();
  if (!loaded) {
    ++reloads_failed_;
    return std::move(loaded).error();
  }
  auto next = std::make_shared<Generation>();
  next->state = std::move(*loaded);
  std::vector<std::string> configured;
  for (const auto& issuer : next->state->issuers->issuers()) configured.push_back(issuer->config.issuer);
  std::shared_ptr<Generation> leaving;
  {
    const std::lock_guard lock(state_mutex_);
    leaving = std::move(generation_);
    leaving->at_reload = leaving->state->issuers->snapshot();
    carry_.reload(leaving->at_reload, configured);
    leaving->carry = &carry_;
    generation_ = std::move(next);
  }
  ++reloads_ok_;
  return {};  // `leaving` is released here, or by the last request still using it
}

void AuthzService::answer(const HttpRequestView& request, HttpResponse& response, bool admin) {
  const std::string_view path = request.path;
  if (path == check_prefix || path.starts_with("/check/")) {
    answer_check(request, response);
    return;
  }
  if (path == "/healthz") {
    response.body = json_reason("alive", "", "");
    return;
  }
  if (path == "/readyz") {
    const Readiness readiness = readiness_of(issuer_signals());
    response.status = readiness.ready ? 200 : 503;
    response.body = readiness.body;
    return;
  }
  if (admin && path == "/metrics") {
    response.body = metrics_.prometheus_text(issuer_signals(), reloads_ok_, reloads_failed_);
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return;
  }
  response.status = 404;
  response.body = json_reason("not_found", "", "the check path is /check");
}

void AuthzService::answer_check(const HttpRequestView& request, HttpResponse& response) {
  const auto started = std::chrono::steady_clock::now();
  // The original request: Caddy and Traefik send X-Forwarded-*, nginx configs X-Original-*;
  // Envoy's ext_authz sends the original method, and the original path under the prefix.
  std::string_view method = request.header("X-Forwarded-Method");
  if (method.empty()) method = request.header("X-Original-Method");
  if (method.empty()) method = request.method;
  std::string_view uri = request.header("X-Forwarded-Uri");
  if (uri.empty()) uri = request.header("X-Original-URI");
  if (uri.empty()) {
    const std::string_view target = request.target;
    uri = target.size() > check_prefix.size() ? target.substr(check_prefix.size()) : "/";
  }
  const std::string_view authorization = request.header("Authorization");
  // For sender-constrained tokens (DPoP's htu): the URL the client used, as the gateway saw it.
  const std::string_view dpop = request.header("DPoP");
  const std::string_view scheme = request.header("X-Forwarded-Proto");
  std::string_view host = request.header("X-Forwarded-Host");
  if (host.empty()) host = request.header("Host");

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
    const std::string& cert_header = current->config.client_cert_header;
    decision = decide(current->config, *current->issuers, dpop_,
                      CheckRequest{method, uri, authorization, dpop, request.header_count("DPoP"), scheme, host,
                                   request.header(cert_header), request.header_count(cert_header)});
  }

  response.status = decision.status;
  response.headers = std::move(decision.headers);
  if (!decision.www_authenticate.empty()) response.headers.emplace_back("WWW-Authenticate", decision.www_authenticate);
  if (decision.status == 503) response.headers.emplace_back("Retry-After", "1");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = decision.status == 200 ? json_reason("allowed", "", "")
                                         : json_reason("refused", decision.reason, decision.description);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.record(decision, seconds);
  if (decision.status != 200) {
    write_log_line(refusal_log_line(decision, method, uri, request.header("X-Request-Id")));
  }
}

}  // namespace jwtcheck::cli::authz
