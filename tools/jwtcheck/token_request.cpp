#include "token_request.hpp"

#include <jwtcheck/secret.hpp>

#include <CLI/CLI.hpp>

#include <cstdlib>

namespace jwtcheck::cli {

namespace {

Result<Secret> client_secret(const TokenRequestFlags& flags) {
  if (!flags.client_secret_file.empty()) return read_secret_file(flags.client_secret_file);
  const char* from_env = std::getenv(client_secret_env);
  if (from_env == nullptr || *from_env == '\0') {
    return Error{ErrorCode::invalid_policy,
                 std::string("no client secret: give --client-secret-file FILE or set ") + client_secret_env};
  }
  return Secret(from_env);
}

}  // namespace

void add_token_request_options(CLI::App& app, TokenRequestFlags& flags, bool audience_required) {
  app.add_option("-t,--tenant", flags.tenant,
                                "Tenant domain (TENANT.auth0.com, host:port or https://host/): token from "
                                "https://DOMAIN/oauth/token, keys from its JWKS, issuer https://DOMAIN/");
  app.add_option("--token-url", flags.token_url, "The token endpoint, when it is not https://DOMAIN/oauth/token");
  app.add_option("-c,--client-id", flags.client_id, "The application's client id")->required();
  auto* audience = app.add_option("-a,--audience", flags.audience, "The API identifier to ask a token for");
  if (audience_required) audience->required();
  app.add_option("-s,--scope", flags.scope, "Space-separated scopes to ask for (default: all granted)");
  // Hidden trap: a secret typed here is refused without CLI11 echoing it back in its error.
  app.add_option("--client-secret", flags.secret_on_command_line)->group("");
  app.add_option("--client-secret-file", flags.client_secret_file,
                 std::string("File holding the client secret (default: the ") + client_secret_env +
                     " environment variable); never pass a secret on the command line");
}

Result<TokenClientOptions> token_client_config(const TokenRequestFlags& flags, const HttpOptions& http) {
  if (!flags.secret_on_command_line.empty()) {
    return Error{ErrorCode::invalid_policy, std::string("there is no --client-secret option (a secret on the command "
                                                        "line leaks through ps and shell history): use "
                                                        "--client-secret-file FILE or ") + client_secret_env};
  }
  if (flags.tenant.empty() && flags.token_url.empty()) {
    return Error{ErrorCode::invalid_policy, "no token endpoint: give --tenant DOMAIN or --token-url URL"};
  }
  TokenClientOptions config;
  config.token_url = flags.token_url;
  if (!flags.tenant.empty()) {
    auto domain = tenant_domain(flags.tenant);
    if (!domain) return std::move(domain).error();
    config.domain = std::move(*domain);
  }
  config.client_id = flags.client_id;
  auto secret = client_secret(flags);
  if (!secret) return std::move(secret).error();
  config.client_secret = std::move(*secret);
  config.audience = flags.audience;
  config.scope = flags.scope;
  config.http = http;
  return config;
}

}  // namespace jwtcheck::cli
