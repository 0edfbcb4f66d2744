// jwtcheck authz — /readyz from the issuers' own health (the IssuerSet's, the same that /metrics
// exports as jwtcheck_issuer_health{state}): ready when every issuer can verify tokens.
#pragma once

#include <jwtcheck/signals.hpp>

#include <string>

namespace jwtcheck::cli::authz {

struct Readiness {
  bool ready = false;  ///< every issuer is ready or degraded (serving keys, maybe stale)
  /// {"status":"ready"|"not_ready", "reason":"issuer_not_ready" and "description" naming each
  /// failed issuer and its last fetch error (when not ready), "issuers":[{"issuer","health"}]}.
  /// Names issuers, health states and error codes and messages only: never a token or a secret.
  std::string body;
};

Readiness readiness_of(const SignalsSnapshot& signals);

}  // namespace jwtcheck::cli::authz
