#include "bearer_middleware.hpp"

#include <jwtcheck/error.hpp>

#include <cctype>
#include <optional>
#include <string_view>

namespace example {

namespace {

// What the Authorization header holds: nothing usable, a bearer token, or a malformed one.
struct BearerCredentials {
  enum class Kind { none, token, malformed } kind = Kind::none;
  std::string_view token;
};

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive.
BearerCredentials bearer_credentials(const std::string& authorization) {
  constexpr std::string_view scheme = "bearer";
  if (authorization.size() < scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i]) return {};
  }
  std::string_view rest = std::string_view(authorization).substr(scheme.size());
  if (!rest.empty() && rest.front() != ' ') return {};  // "Bearerx": another scheme
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const bool b64token = !rest.empty() && rest.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                                 "0123456789-._~+/=") == std::string_view::npos;
  if (!b64token) return {BearerCredentials::Kind::malformed, {}};
  return {BearerCredentials::Kind::token, rest};
}

// WWW-Authenticate: Bearer realm="...", error="...", error_description="...", scope="...".
// Every value here is fixed text or a jwtcheck code name: nothing from the request is echoed.
std::string challenge(const std::string& realm, std::string_view error = {}, std::string_view description = {},
                      std::string_view scope = {}) {
  std::string value = "Bearer realm=\"" + realm + "\"";
  if (!error.empty()) value += ", error=\"" + std::string(error) + "\"";
  if (!description.empty()) value += ", error_description=\"" + std::string(description) + "\"";
  if (!scope.empty()) value += ", scope=\"" + std::string(scope) + "\"";
  return value;
}

void refuse(httplib::Response& response, int status, const std::string& www_authenticate) {
  response.status = status;
  response.set_header("WWW-Authenticate", www_authenticate);
  response.set_content("", "text/plain");
}

}  // namespace

BearerAuth::BearerAuth(jwtcheck::Verifier verifier, std::string realm)
    : verifier_(std::move(verifier)), realm_(std::move(realm)) {}

httplib::Server::Handler BearerAuth::require(std::string scope, AuthorizedHandler handler) const {
  return [this, scope = std::move(scope), handler = std::move(handler)](const httplib::Request& request,
                                                                        httplib::Response& response) {
    const std::string authorization = request.get_header_value("Authorization");
    const BearerCredentials credentials = bearer_credentials(authorization);  // views into authorization
    if (credentials.kind == BearerCredentials::Kind::none) {
      return refuse(response, 401, challenge(realm_));  // §3.1: no error code without credentials
    }
    if (credentials.kind == BearerCredentials::Kind::malformed) {
      return refuse(response, 400, challenge(realm_, "invalid_request", "malformed Authorization header"));
    }
    const auto token = verifier_.verify(credentials.token);
    if (!token) {
      const std::string description = "token refused: " + std::string(jwtcheck::code_name(token.error().code));
      return refuse(response, 401, challenge(realm_, "invalid_token", description));
    }
    if (!token->has_scope(scope)) {
      return refuse(response, 403, challenge(realm_, "insufficient_scope", "the token lacks the scope", scope));
    }
    handler(request, response, *token);
  };
}

void add_report_routes(httplib::Server& server, const BearerAuth& auth) {
  server.Get("/reports", auth.require("read:reports", [](const httplib::Request&, httplib::Response& response,
                                                          const jwtcheck::VerifiedToken& token) {
    response.set_content("reports for " + std::string(token.client_id()) + "\n", "text/plain");
  }));
  server.Post("/reports", auth.require("write:reports", [](const httplib::Request&, httplib::Response& response,
                                                           const jwtcheck::VerifiedToken&) {
    response.status = 201;
    response.set_content("created\n", "text/plain");
  }));
}

}  // namespace example
