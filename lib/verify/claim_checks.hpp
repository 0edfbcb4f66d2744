// The policy checks on a token's claims (and its header typ), in the order a Report lists them:
// iss, aud, sub, azp/client_id, gty, exp, nbf, iat, max_age, jti, typ, scope. Policy::profile
// says which apply and where the client id comes from (sub for auth0, client_id otherwise).
#pragma once

#include <jwtcheck/policy.hpp>

#include "token/jose_header.hpp"
#include "verify/claim_slots.hpp"
#include "verify/scope_list.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace jwtcheck::detail {

/// What the checks read.
struct ClaimCheckInput {
  const Policy& policy;
  std::int64_t now;         ///< the policy clock, read once per token
  const ClaimSlots& claims;
  const JoseHeader& header;
};

/// What the checks found (views into the claims document), for VerifiedToken.
struct CheckedClaims {
  std::string_view iss;
  std::string_view sub;
  std::string_view client_id;     ///< auth0: sub without the subject suffix; else client_id (or azp)
  const ScannedValue* aud = nullptr;  ///< a string, or an array of strings
  std::optional<double> exp, nbf, iat;
};

/// The dates a token carried (NumericDates as sent; fractions kept).
struct TokenTimes {
  std::optional<double> exp, nbf, iat;
};

/// Re-runs only the time checks (exp, nbf, iat, max_age) on dates read earlier: a cached
/// verdict must still expire on time. Returns false as soon as the sink says stop.
template <class Sink>
bool check_times(const Policy& policy, std::int64_t now, const TokenTimes& times, Sink& sink);

/// Runs every claim check through `sink` (FirstFailureSink or ReportSink); returns false as
/// soon as the sink says stop. Fills `out` and `scopes` with what passed.
template <class Sink>
bool check_claims(const ClaimCheckInput& in, Sink& sink, CheckedClaims& out, ScopeList& scopes);

}  // namespace jwtcheck::detail
