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

/// The ObjectScan slot of each claim ClaimSlots has (give it to the claims scan), or -1.
int claim_slot(std::string_view name) noexcept;

/// The claims a scan with claim_slot kept.
ClaimSlots locate_claims(const ObjectScan& claims) noexcept;

}  // namespace jwtcheck::detail
