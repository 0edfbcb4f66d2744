// The registered and Auth0 claims jwtcheck reads, kept by the claims scan in its one pass.
#pragma once

#include "json/object_scan.hpp"

#include <string_view>

namespace jwtcheck::detail {

/// The values of the claims jwtcheck checks; null when absent.
struct ClaimSlots {
  const ScannedValue* iss = nullptr;
  const ScannedValue* sub = nullptr;
  const ScannedValue* aud = nullptr;
  const ScannedValue* exp = nullptr;
  const ScannedValue* nbf = nullptr;
  const ScannedValue* iat = nullptr;
  const ScannedValue* azp = nullptr;
  const ScannedValue* client_id = nullptr;
  const ScannedValue* gty = nullptr;
  const ScannedValue* scope = nullptr;
  const ScannedValue* scp = nullptr;
  const ScannedValue* permissions = nullptr;
};

/// The claims ClaimSlots has, in slot order.
inline constexpr std::string_view kClaimNames[] = {"iss", "sub", "aud",       "exp", "nbf",   "iat",
                                                   "azp", "client_id", "gty", "scope", "scp", "permissions"};
/// The ObjectScan slot of each claim ClaimSlots has (give it to the claims scan): claim_slot(name) is it, or -1.
inline constexpr SlotNames claim_slot(kClaimNames);

/// The claims a scan with claim_slot kept.
ClaimSlots locate_claims(const ObjectScan& claims) noexcept;

}  // namespace jwtcheck::detail
