// jwtcheck — what a Verifier requires of a token beyond a good signature.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/claims.hpp>
#include <jwtcheck/limits.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck {

/// Which access-token profile a token's claims follow. Auth0 APIs offer both of the first two.
enum class TokenProfile {
  /// Auth0's own: "sub" is "CLIENT_ID@clients" (Policy::subject_suffix), "azp" and "client_id",
  /// when present, agree with it; "gty" when Policy::required_gty says so.
  auth0,
  /// RFC 9068 JWT access tokens: header "typ" "at+jwt" (or "application/at+jwt"; unless
  /// Policy::typ_allowlist says otherwise), and "iss", "exp", "aud", "sub", "client_id", "iat" and
  /// "jti" all required. The client is "client_id" (Policy::expected_client_id is compared with
  /// it); "sub" is any string, and "azp", when present, must equal "client_id".
  rfc9068,
  /// Signature, "iss", "aud" and the times only, plus what the Policy requires explicitly
  /// (expected_client_id, required_gty, required_scopes, required_claims, typ_allowlist).
  any,
};

/// "auth0", "rfc9068", "any".
JWTCHECK_API std::string_view profile_name(TokenProfile profile) noexcept;
/// The profile of that name, or nothing.
JWTCHECK_API std::optional<TokenProfile> profile_from_name(std::string_view name) noexcept;

/// The checks a Verifier applies (what a token must be; how the verifier runs, clock included,
/// is VerifierOptions). The defaults are those of an API server accepting
/// Auth0 machine-to-machine (client-credentials) access tokens.
struct Policy {
  /// Required, compared exactly (byte for byte). Auth0's issuer ends with "/":
  /// "https://TENANT/" and "https://TENANT" are different issuers, as RFC 8414 says.
  std::string issuer;
  /// Required, at least one: the token is accepted if its "aud" (string or array)
  /// contains any of these, exactly.
  std::vector<std::string> audiences;

  /// The claims' profile: which of the checks below apply, and where the client id comes from.
  TokenProfile profile = TokenProfile::auth0;

  /// auth0 profile: "sub" must end with this suffix with a non-empty client id before it. Empty: any sub.
  std::string subject_suffix = "@clients";
  /// When set: auth0 profile, "sub" must be exactly "<client_id>@clients" (subject_suffix
  /// appended) and "azp" / "client_id", when present, must equal it; rfc9068, "client_id" must
  /// equal it; any, "azp" / "client_id", when present.
  std::optional<std::string> expected_client_id;
  /// auth0 profile: when "azp" or "client_id" is present, it must equal the client id in "sub".
  bool check_azp_matches_subject = true;
  /// When set, "gty" must equal it (Auth0 sets "client-credentials").
  std::optional<std::string> required_gty;

  /// Allowed algorithms. Empty means every asymmetric algorithm; HS* are only ever
  /// allowed when listed here explicitly and an HMAC key is in the key set.
  std::vector<Alg> algorithms;
  /// Allowed header "typ" values, compared case-insensitively with an optional
  /// "application/" prefix (RFC 7515 §4.1.9). Empty: typ is not checked.
  std::vector<std::string> typ_allowlist;

  /// Tolerance applied to exp, nbf and iat.
  std::chrono::seconds leeway{30};
  /// "exp" must be present (it is for every Auth0 access token).
  bool require_exp = true;
  /// "iat" must be present.
  bool require_iat = false;
  /// When set, "iat" must be present and no older than this.
  std::optional<std::chrono::seconds> max_age;

  /// Scopes the token must grant (from scope, scp or permissions).
  std::vector<std::string> required_scopes;

  /// Custom claims the token must carry, checked after the claims above, in order
  /// (claims.hpp: present, equals, one of, contains). Empty (the default) costs nothing.
  std::vector<ClaimRequirement> required_claims;
  /// Input limits.
  Limits limits;
};

}  // namespace jwtcheck
