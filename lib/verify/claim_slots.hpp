// The registered and Auth0 claims jwtcheck reads, found in one pass over the claims object.
#pragma once

#include "json/json_document.hpp"

namespace jwtcheck::detail {

/// Pointers to the values of the claims jwtcheck checks; null when absent.
struct ClaimSlots {
  const JsonValue* iss = nullptr;
  const JsonValue* sub = nullptr;
  const JsonValue* aud = nullptr;
  const JsonValue* exp = nullptr;
  const JsonValue* nbf = nullptr;
  const JsonValue* iat = nullptr;
  const JsonValue* azp = nullptr;
  const JsonValue* client_id = nullptr;
  const JsonValue* gty = nullptr;
  const JsonValue* scope = nullptr;
  const JsonValue* scp = nullptr;
  const JsonValue* permissions = nullptr;
};

/// Finds the claims in `claims` (an object already checked for duplicate names).
ClaimSlots locate_claims(const JsonValue& claims) noexcept;

/// A JSON string value as a view (the caller has checked IsString()).
inline std::string_view string_view_of(const JsonValue& value) noexcept {
  return {value.GetString(), value.GetStringLength()};
}

}  // namespace jwtcheck::detail
