// jwtcheck authz — what the service is told to do: issuers, routes, headers, addresses.
#pragma once

#include <jwtcheck/dpop.hpp>
#include <jwtcheck/policy.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jwtcheck::cli::authz {

/// One trusted issuer and where its keys come from (exactly one of jwks_file, jwks_url,
/// tenant, discovery).
struct IssuerConfig {
  std::string issuer;                       ///< compared exactly with the token's iss
  std::vector<std::string> audiences;       ///< at least one
  std::string jwks_file, jwks_url, tenant;  ///< tenant: keys from https://TENANT/.well-known/jwks.json
  bool discovery = false;                   ///< keys through ISSUER/.well-known/openid-configuration
  std::string cacert;                       ///< PEM CA file for this issuer's fetches (empty: system store)
  std::vector<std::string> required_scopes; ///< every route also requires these (403 when absent)
  std::vector<std::string> algorithms;      ///< allowed algs (empty: every asymmetric one)
  std::string subject_suffix = "@clients";  ///< empty: any sub
  std::int64_t leeway_seconds = 30;
  std::int64_t refetch_cooldown_seconds = 30;
  TokenProfile profile = TokenProfile::auth0;  ///< RemoteKeySourceOptions::unknown_kid_cooldown
  BindingMode dpop = BindingMode::allowed;  ///< DPoP-bound tokens (RFC 9449): off, allowed or required
  BindingMode mtls = BindingMode::allowed;  ///< certificate-bound tokens (RFC 8705): off, allowed or required
  std::string where;                        ///< "FILE:LINE" of the entry, for messages
};

/// A method + path pattern and what it requires. Patterns: "*" matches within one path
/// segment, "**" matches anything (also "/"); everything else literally. The query is ignored.
struct RouteConfig {
  std::string name;
  std::vector<std::string> methods;  ///< upper case; empty: any method
  std::string path;
  std::vector<std::string> scopes;                               ///< all required (403 when absent)
  std::vector<std::pair<std::string, std::string>> claims;       ///< claim name = required string value
  bool allow_anonymous = false;                                  ///< no token needed (health pages…)
};

/// A claim copied into a header of the 200 answer (string, number or boolean claims).
struct HeaderMapping {
  std::string header;
  std::string claim;
};

struct AuthzConfig {
  std::string source;  ///< the config file, empty for quick flags
  std::string listen = "127.0.0.1:9190";
  std::string admin_listen;  ///< empty: /metrics etc. on the main listener
  std::string realm = "jwtcheck";
  std::int64_t max_key_wait_ms = 500;  ///< how long a request may wait for a refetch on an unknown kid
  std::int64_t cache_entries = 10000;  ///< verified tokens remembered per issuer
  /// The header in which the gateway passes the client certificate it verified (RFC 8705 via the
  /// gateway): nginx's URL-escaped PEM, Envoy's X-Forwarded-Client-Cert Cert="…", or base64 DER
  /// (Caddy, Traefik). The gateway must set it on every check, overwriting any the client sent.
  std::string client_cert_header = "X-SSL-Client-Cert";
  std::vector<IssuerConfig> issuers;
  std::vector<RouteConfig> routes;
  std::optional<std::size_t> default_route;  ///< index into routes for requests no route matches
  std::vector<HeaderMapping> headers;
};

}  // namespace jwtcheck::cli::authz
