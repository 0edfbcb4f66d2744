#include "decision.hpp"

#include "bearer_challenge.hpp"
#include "claim_values.hpp"
#include "route_table.hpp"

#include <jwtcheck/verifier.hpp>

#include <cctype>
#include <optional>

namespace jwtcheck::cli::authz {

namespace {

// "Bearer TOKEN" (scheme case-insensitive, RFC 7235); empty when absent or another scheme.
std::string_view bearer_token(std::string_view authorization) {
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return {};
  }
  std::string_view token = authorization.substr(scheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

// Header values come from claims: no control characters may reach the answer.
std::string header_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text.substr(0, 1024)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  return out;
}

void refuse(Decision& d, const AuthzConfig& config, int status, std::string reason, std::string description) {
  d.status = status;
  d.reason = std::move(reason);
  d.description = std::move(description);
  if (status == 401 || status == 503) {
    // RFC 6750 §3.1: no error code when the request had no token at all.
    d.www_authenticate = bearer_challenge(config.realm, d.reason == "missing_token" ? "" : "invalid_token",
                                          d.description);
  }
}

}  // namespace

Decision decide(const AuthzConfig& config, const IssuerRegistry& issuers, const CheckRequest& request) {
  Decision d;
  const RouteConfig* route = find_route(config, request.method, request.uri);
  if (route == nullptr) {
    refuse(d, config, 403, "no_route", "no route allows " + std::string(request.method) + " on this path");
    d.www_authenticate = bearer_challenge(config.realm, "insufficient_scope", d.description);
    return d;
  }
  d.route = route->name;
  if (route->allow_anonymous) {
    d.reason = "anonymous";
    return d;
  }
  const std::string_view token = bearer_token(request.authorization);
  if (token.empty()) {
    refuse(d, config, 401, "missing_token", "no bearer token in the Authorization header");
    return d;
  }

  UnverifiedIdentity identity = read_unverified_identity(token);
  d.kid = identity.kid;
  d.client_id = identity.client_id;
  d.issuer = identity.issuer;
  if (!identity.decoded) {
    refuse(d, config, 401, identity.decode_code, identity.decode_error);
    return d;
  }
  const Issuer* issuer = issuers.find(identity.issuer);
  if (issuer == nullptr) {
    refuse(d, config, 401, "unknown_issuer",
           identity.issuer.empty() ? "the token has no string iss claim" : "the token's issuer is not trusted here");
    return d;
  }
  d.issuer_known = true;

  auto verified = issuer->verifier->verify(token);
  if (!verified) {
    const Error& error = verified.error();
    d.retryable = error.retryable;
    refuse(d, config, error.retryable ? 503 : 401, std::string(code_name(error.code)), error.message);
    return d;
  }
  d.client_id = std::string(verified->client_id());

  std::string missing;
  std::string required;
  auto require = [&](const std::string& scope) {
    required += (required.empty() ? "" : " ") + scope;
    if (!verified->has_scope(scope)) missing += (missing.empty() ? "" : " ") + scope;
  };
  for (const std::string& scope : issuer->config.required_scopes) require(scope);
  for (const std::string& scope : route->scopes) require(scope);
  if (!missing.empty()) {
    refuse(d, config, 403, "insufficient_scope", "the token lacks the scope(s): " + missing);
    d.www_authenticate = bearer_challenge(config.realm, "insufficient_scope", d.description, required);
    return d;
  }

  std::optional<ClaimValues> claims;
  if (!route->claims.empty() || !config.headers.empty()) claims.emplace(verified->claims_json());
  for (const auto& [name, expected] : route->claims) {
    if (claims->text(name) != expected) {
      refuse(d, config, 403, "claim_mismatch", "claim \"" + name + "\" does not have the value this route requires");
      d.www_authenticate = bearer_challenge(config.realm, "insufficient_scope", d.description);
      return d;
    }
  }

  std::string scopes;
  for (const Scope& scope : verified->scopes()) {
    if (!scopes.empty()) scopes += ' ';
    scopes += scope.name;
  }
  d.headers.emplace_back("X-Jwtcheck-Issuer", header_safe(verified->issuer()));
  d.headers.emplace_back("X-Jwtcheck-Subject", header_safe(verified->subject()));
  d.headers.emplace_back("X-Jwtcheck-Client-Id", header_safe(verified->client_id()));
  d.headers.emplace_back("X-Jwtcheck-Scope", header_safe(scopes));
  for (const HeaderMapping& mapping : config.headers) {
    d.headers.emplace_back(mapping.header, header_safe(claims->text(mapping.claim).value_or("")));
  }
  return d;
}

}  // namespace jwtcheck::cli::authz
