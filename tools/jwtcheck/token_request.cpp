#include "token_request.hpp"

#include <jwtcheck/secret.hpp>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <optional>

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
  app.add_option("--private-key-file", flags.private_key_file,
                 "private_key_jwt: PEM private key (PKCS#8 or traditional; RSA or EC P-256) that signs a client "
                 "assertion instead of sending a secret");
  app.add_option("--private-key-alg", flags.private_key_alg,
                 "private_key_jwt: RS256, PS256 or ES256 (default: RS256 for RSA, ES256 for P-256)");
  app.add_option("--key-id", flags.key_id, "private_key_jwt: the kid header of the client assertion");
  app.add_option("--client-cert", flags.client_cert_file,
                 "mTLS client authentication (RFC 8705): PEM client certificate presented to the token endpoint");
  app.add_option("--client-key", flags.client_key_file, "mTLS: the PEM private key of --client-cert");
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
  config.http = http;
  if (!flags.private_key_file.empty() && !flags.client_cert_file.empty())
    return Error{ErrorCode::invalid_policy, "give one client authentication: --private-key-file or --client-cert, not both"};
  if (flags.client_cert_file.empty() != flags.client_key_file.empty())
    return Error{ErrorCode::invalid_policy, "--client-cert and --client-key go together"};
  if (!flags.private_key_file.empty() && !flags.client_secret_file.empty())
    return Error{ErrorCode::invalid_policy, "give one client authentication: --private-key-file or --client-secret-file, not both"};
  if ((!flags.private_key_alg.empty() || !flags.key_id.empty()) && flags.private_key_file.empty())
    return Error{ErrorCode::invalid_policy, "--private-key-alg and --key-id need --private-key-file"};
  if (!flags.private_key_file.empty()) {
    std::optional<Alg> alg;
    if (!flags.private_key_alg.empty()) {
      alg = alg_from_name(flags.private_key_alg);
      if (!alg || is_hmac(*alg))
        return Error{ErrorCode::invalid_policy, "--private-key-alg: expected RS256, PS256 or ES256, got \"" +
                                                    flags.private_key_alg.substr(0, 20) + "\""};
    }
    auto key = ClientKey::from_pem_file(flags.private_key_file, alg, flags.key_id);
    if (!key) return std::move(key).error();
    config.auth_method = ClientAuthMethod::private_key_jwt;
    config.client_assertion_key = std::move(*key);
    config.format = TokenRequestFormat::form;  // RFC 7523 §2.2 shows the form
  } else if (!flags.client_cert_file.empty()) {
    if (!flags.client_secret_file.empty())
      return Error{ErrorCode::invalid_policy, "give one client authentication: --client-cert or --client-secret-file, not both"};
    config.auth_method = ClientAuthMethod::tls_client_auth;
    config.http.client_cert_file = flags.client_cert_file;
    config.http.client_key_file = flags.client_key_file;
  } else {
    auto secret = client_secret(flags);
    if (!secret) return std::move(secret).error();
    config.client_secret = std::move(*secret);
  }
  config.audience = flags.audience;
  config.scope = flags.scope;
  return config;
}

}  // namespace jwtcheck::cli
