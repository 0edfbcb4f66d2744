// jwtcheck authz — the answer to one check: allow with identity headers, or refuse and why.
#pragma once

#include "authz_config.hpp"
#include "issuer_registry.hpp"

#include <jwtcheck/dpop.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcheck::cli::authz {

/// What the gateway told us about the original request.
struct CheckRequest {
  std::string_view method;         ///< original method, upper case
  std::string_view uri;            ///< original path (and query)
  std::string_view authorization;  ///< the Authorization header, empty when absent
  std::string_view dpop;           ///< the DPoP header (a proof), empty when absent
  std::size_t dpop_headers = 0;    ///< how many DPoP headers came (RFC 9449: more than one is refused)
  std::string_view scheme;         ///< original scheme (X-Forwarded-Proto), empty when not told
  std::string_view host;           ///< original host (X-Forwarded-Host, else Host), empty when absent
  std::string_view client_certificate;  ///< the gateway's client-certificate header, empty when absent
  std::size_t client_certificate_headers = 0;  ///< how many came (more than one: refused)
};

struct Decision {
  int status = 200;                ///< 200, 401, 403, or 503 (retryable: keys not there yet)
  std::string reason = "ok";       ///< stable code: ok, anonymous, no_route, missing_token, unknown_issuer,
                                   ///< insufficient_scope, claim_mismatch, or a library ErrorCode name
  std::string description;         ///< for people; never the token
  std::string www_authenticate;    ///< empty on 200
  std::vector<std::pair<std::string, std::string>> headers;  ///< for the upstream, on 200
  std::string issuer, kid, client_id, route;  ///< for logs and metrics (unverified when refused)
  bool issuer_known = false;       ///< `issuer` is a configured issuer (a metrics label)
  bool retryable = false;
};

/// Checks one request against the config's routes and issuers, a DPoP-bound token's proof with
/// `dpop` (whose replay cache outlives reloads), and a certificate-bound token's certificate. Never throws, never blocks beyond the
/// configured max_key_wait.
Decision decide(const AuthzConfig& config, const IssuerRegistry& issuers, const DpopVerifier& dpop,
                const CheckRequest& request);

}  // namespace jwtcheck::cli::authz
