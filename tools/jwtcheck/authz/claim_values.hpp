// jwtcheck authz — top-level claims of a token's claims JSON as text, for headers and routes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::cli::authz {

/// Parsed claims of one token (text already checked by the library: valid, size-limited JSON).
class ClaimValues {
 public:
  explicit ClaimValues(std::string_view claims_json);
  /// The claim as text: a string as is, a number or boolean as JSON spells it; nullopt for an
  /// absent claim, null, an object or an array.
  std::optional<std::string> text(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

/// What a refusal log names about a token that may not have verified: its iss, kid and client
/// id as the token claims them (UNVERIFIED: for diagnosis and issuer selection only).
struct UnverifiedIdentity {
  bool decoded = false;
  std::string decode_error;  ///< why it could not be decoded (never the token itself)
  std::string decode_code;   ///< its error code name
  std::string issuer, kid, client_id;
};
UnverifiedIdentity read_unverified_identity(std::string_view token);

}  // namespace jwtcheck::cli::authz
