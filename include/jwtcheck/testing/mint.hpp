// jwtcheck-testing — minting Auth0-shaped access tokens (and deliberately broken ones).
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::testing {

/// The claims an Auth0 tenant puts in a machine-to-machine access token.
struct JWTCHECK_API Auth0Claims {
  std::string issuer;                    ///< "https://TENANT/"
  std::string client_id;                 ///< sub = client_id + "@clients", azp = client_id
  std::vector<std::string> audiences;    ///< one → "aud" string; several → array; none → no aud
  std::string scope;                     ///< space-separated; omitted when empty
  std::vector<std::string> permissions;  ///< omitted when empty
  std::int64_t issued_at = 0;            ///< 0 → now
  std::int64_t lifetime_seconds = 86400;  ///< exp = iat + lifetime (saturated at the int64 range)
  std::string gty = "client-credentials";  ///< omitted when empty
  std::string extra_claims_json;         ///< members merged in / overriding, e.g. R"({"exp":1,"custom":true})"

  /// The claims as a JSON object. Invalid extra_claims_json is ignored (see to_json_checked).
  std::string to_json() const;
  /// As to_json, but invalid_json when extra_claims_json is not a JSON object.
  Result<std::string> to_json_checked() const;
};

/// Knobs for minting tokens that attack tests need.
struct MintOptions {
  std::optional<std::string> alg_header;  ///< override header "alg" (e.g. "none", "HS256")
  bool include_kid = true;                ///< put the key's kid (when non-empty) in the header
  std::string typ = "JWT";                ///< empty → no typ
  std::string extra_header_json;          ///< members merged in / overriding, e.g. R"({"jku":"https://evil"})"
  bool empty_signature = false;           ///< "header.claims." (for alg none tests)
};

/// header.claims.signature; the signature uses key.alg() unless alg_header names another known
/// alg (then key.sign_as). claims_json is encoded byte for byte, unchecked, so tests can mint
/// malformed payloads. Errors: invalid_json for a bad extra_header_json, invalid_key if signing fails.
JWTCHECK_API Result<std::string> mint_token(const SigningKey& key, std::string_view claims_json, const MintOptions& options = {});

}  // namespace jwtcheck::testing
