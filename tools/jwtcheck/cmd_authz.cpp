// `jwtcheck authz`: the token-checking service behind nginx auth_request, Caddy forward_auth,
// Envoy ext_authz (HTTP) and Traefik forwardAuth. Runs until SIGTERM/SIGINT; SIGHUP reloads.
#include "authz/authz_service.hpp"
#include "authz/config_file.hpp"
#include "authz/refusal_log.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "report_output.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <memory>
#include <pthread.h>
#include <thread>

namespace jwtcheck::cli {

namespace {

struct AuthzFlags {
  std::string config_file;
  std::string listen;
  std::string admin_listen;
  std::string tenant, issuer, jwks_file, jwks_url, cacert, realm;
  std::string dpop;  // binding mode name; empty: the default (allowed)
  std::string mtls;  // certificate binding mode name; empty: the default (allowed)
  std::string client_cert_header;  // empty: the config's (default X-SSL-Client-Cert)
  std::vector<std::string> audiences, required_scopes;
  unsigned threads = 0;                  // 0: the hardware threads
  std::size_t max_connections = 10000;  // open at once; beyond: 503 and close
};

sigset_t service_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

// Quick flags: one issuer, one catch-all route requiring the --require-scope values.
Result<authz::AuthzConfig> config_from_flags(const AuthzFlags& flags) {
  authz::AuthzConfig config;
  authz::IssuerConfig issuer;
  issuer.where = "command line";
  std::string domain;
  if (!flags.tenant.empty()) {
    auto parsed = tenant_domain(flags.tenant);
    if (!parsed) return std::move(parsed).error();
    domain = std::move(*parsed);
  }
  issuer.issuer = !flags.issuer.empty() ? flags.issuer : domain.empty() ? std::string() : issuer_for_domain(domain);
  if (issuer.issuer.empty()) {
    return Error{ErrorCode::invalid_policy, "give --config FILE, or --tenant or --issuer with --audience"};
  }
  issuer.audiences = flags.audiences;
  if (issuer.audiences.empty()) return Error{ErrorCode::invalid_policy, "--audience is required"};
  if (!flags.jwks_file.empty() && !flags.jwks_url.empty()) {
    return Error{ErrorCode::invalid_policy, "--jwks-file and --jwks-url: choose one place for the keys"};
  }
  issuer.jwks_file = flags.jwks_file;
  issuer.jwks_url = flags.jwks_url;
  if (issuer.jwks_file.empty() && issuer.jwks_url.empty()) {
    if (domain.empty()) return Error{ErrorCode::invalid_policy, "--issuer needs --jwks-file or --jwks-url (or use --tenant)"};
    issuer.tenant = domain;
  }
  issuer.cacert = flags.cacert;
  if (!flags.dpop.empty()) issuer.dpop = *binding_mode_from_name(flags.dpop);  // checked by CLI11
  if (!flags.mtls.empty()) issuer.mtls = *binding_mode_from_name(flags.mtls);  // checked by CLI11
  config.issuers.push_back(std::move(issuer));
  authz::RouteConfig route;
  route.name = "all";
  route.path = "/**";
  route.scopes = flags.required_scopes;
  config.routes.push_back(std::move(route));
  return config;
}

Result<std::shared_ptr<const authz::ServiceState>> load_state(const AuthzFlags& flags) {
  auto config = flags.config_file.empty() ? config_from_flags(flags) : authz::load_config_file(flags.config_file);
  if (!config) return std::move(config).error();
  if (!flags.listen.empty()) config->listen = flags.listen;
  if (!flags.admin_listen.empty()) config->admin_listen = flags.admin_listen;
  if (!flags.realm.empty()) config->realm = flags.realm;
  if (!flags.client_cert_header.empty()) config->client_cert_header = flags.client_cert_header;
  auto issuers = authz::IssuerRegistry::build(*config);
  if (!issuers) return std::move(issuers).error();
  auto state = std::make_shared<authz::ServiceState>();
  state->config = std::move(*config);
  state->issuers = std::move(*issuers);
  return std::shared_ptr<const authz::ServiceState>(std::move(state));
}

void log_event(const std::string& event, const std::string& detail) {
  authz::write_log_line("{\"event\":\"" + event + "\"" + detail + "}\n");
}

int run_authz(const AuthzFlags& flags) {
  constexpr std::string_view command = "authz";
  if (!flags.config_file.empty() &&
      (!flags.tenant.empty() || !flags.issuer.empty() || !flags.jwks_file.empty() || !flags.jwks_url.empty() ||
       !flags.audiences.empty() || !flags.required_scopes.empty() || !flags.cacert.empty() || !flags.dpop.empty() ||
       !flags.mtls.empty())) {
    const Error error{ErrorCode::invalid_policy,
                      "--config describes the issuers and routes: it cannot be combined with --tenant, --issuer, "
                      "--audience, --jwks-file, --jwks-url, --cacert, --require-scope, --dpop or --mtls"};
    return usage_failure(command, error, false);
  }
  // Blocked in every thread (the service's threads inherit the mask): only sigwait sees them.
  const sigset_t signals = service_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto state = load_state(flags);
  if (!state) return usage_failure(command, state.error(), false);
  authz::HttpServerOptions transport;
  transport.threads = flags.threads;
  transport.max_connections = flags.max_connections;
  authz::AuthzService service(std::move(*state), [&flags] { return load_state(flags); }, transport);
  if (auto bound = service.bind(); !bound) return report_failure(command, bound.error(), false);
  const std::string& listen = service.listen_address();
  const std::string& admin = service.admin_address();
  log_event("listening", ",\"listen\":\"" + listen + "\"" + (admin.empty() ? "" : ",\"admin_listen\":\"" + admin + "\""));

  std::thread signal_thread([&service, signals] {
    for (;;) {
      int received = 0;
      sigwait(&signals, &received);
      if (received == SIGHUP) {
        if (auto reloaded = service.reload(); !reloaded) {
          std::string line = "{\"event\":\"reload_refused\",\"error\":";
          rapidjson::StringBuffer buffer;
          JsonWriter out(buffer);
          write_string(out, reloaded.error().message);
          authz::write_log_line(line + buffer.GetString() + "}\n");
        } else {
          log_event("reloaded", "");
        }
        continue;
      }
      service.stop();
      return;
    }
  });
  service.run();
  // run() also returns if the listener failed: make sure the signal thread can end.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  log_event("stopped", "");
  return exit_valid;
}

}  // namespace

Command add_authz_command(CLI::App& parent) {
  auto flags = std::make_shared<AuthzFlags>();
  CLI::App* sub = add_subcommand(parent, "authz",
                                 "Run the token-checking service for nginx auth_request, Caddy forward_auth, Envoy "
                                 "ext_authz and Traefik forwardAuth: GET /check answers 200, 401 or 403");
  sub->add_option("--config", flags->config_file, "TOML file of issuers, routes and headers (docs/authz.md)")
      ->check(CLI::ExistingFile);
  sub->add_option("--listen", flags->listen, "HOST:PORT to serve /check on (default 127.0.0.1:9190)");
  sub->add_option("--admin-listen", flags->admin_listen, "HOST:PORT for /metrics, /healthz and /readyz (default: --listen)");
  sub->add_option("--threads", flags->threads, "I/O threads serving HTTP (default: the hardware threads + 1; one stays out of checks)")
      ->check(CLI::Range(0U, 256U));
  sub->add_option("--max-connections", flags->max_connections,
                  "Connections open at once (default 10000); past it, 503 and close")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  sub->add_option("--realm", flags->realm, "realm of the WWW-Authenticate challenges (default jwtcheck)");
  add_tenant_option(*sub, flags->tenant, "keys from https://DOMAIN/.well-known/jwks.json, issuer https://DOMAIN/");
  sub->add_option("-i,--issuer", flags->issuer, "Required iss, compared exactly (\"https://TENANT/\" with its slash)");
  sub->add_option("-a,--audience", flags->audiences, "Accepted audience (repeatable)")->allow_extra_args(false);
  sub->add_option("--jwks-file", flags->jwks_file, "Verify with the keys of this JWKS file (re-read on SIGHUP)");
  sub->add_option("--jwks-url", flags->jwks_url, "Verify with the keys of this https JWKS URL");
  sub->add_option("--cacert", flags->cacert, "PEM file of CA certificates to trust instead of the system store")
      ->check(CLI::ExistingFile);
  sub->add_option("--require-scope", flags->required_scopes, "Scope every request needs (repeatable; 403 without)")
      ->allow_extra_args(false);
  sub->add_option("--dpop", flags->dpop, "DPoP-bound tokens (RFC 9449): off, allowed (default) or required")
      ->check(CLI::IsMember({"off", "allowed", "required"}));
  sub->add_option("--mtls", flags->mtls,
                  "Certificate-bound tokens (RFC 8705, cnf x5t#S256): off, allowed (default) or required")
      ->check(CLI::IsMember({"off", "allowed", "required"}));
  sub->add_option("--client-cert-header", flags->client_cert_header,
                  "Header carrying the client certificate the gateway verified (default X-SSL-Client-Cert)")
      ->check([](const std::string& name) {
        const bool ok = !name.empty() && name.size() <= 64 &&
                        name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                            std::string::npos;
        return ok ? std::string() : std::string("expected a header name");
      });
  return Command{sub, [flags] { return run_authz(*flags); }};
}

}  // namespace jwtcheck::cli
