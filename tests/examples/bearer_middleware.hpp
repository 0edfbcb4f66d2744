// Example (shown in the README): protecting a cpp-httplib API with jwtcheck. Each protected route
// needs "Authorization: Bearer <access token>" with a scope; refusals follow RFC 6750 §3.
#pragma once

#include <jwtcheck/verifier.hpp>

#include <httplib.h>

#include <functional>
#include <string>

namespace example {

/// A route handler that runs only for a verified token holding the route's scope.
using AuthorizedHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const jwtcheck::VerifiedToken&)>;

/// Wraps handlers so that they run only for requests with a valid bearer token.
class BearerAuth {
 public:
  BearerAuth(jwtcheck::Verifier verifier, std::string realm);

  /// A handler that answers 401 (no or invalid token), 400 (malformed Authorization header) or
  /// 403 (token lacks `scope`) with a WWW-Authenticate challenge, and else calls `handler`.
  httplib::Server::Handler require(std::string scope, AuthorizedHandler handler) const;

 private:
  jwtcheck::Verifier verifier_;
  std::string realm_;
};

/// The example API: GET /reports needs read:reports, POST /reports needs write:reports.
void add_report_routes(httplib::Server& server, const BearerAuth& auth);

}  // namespace example
