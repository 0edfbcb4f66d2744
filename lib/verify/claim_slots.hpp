// The registered and Auth0 claims jwtcheck reads, kept by the claims scan in its one pass.
#pragma once

#include "json/object_scan.hpp"

#include <cstddef>
#include <iterator>
#include <string_view>

namespace jwtcheck::detail {

// The one list of the claims jwtcheck reads: X(member of ClaimSlots, claim name), in slot
// order. ClaimSlots, kClaimNames, the slot numbers and locate_claims are all made from it.
#define JWTCHECK_CLAIM_SLOTS(X) \
  X(iss, "iss")                 \
  X(sub, "sub")                 \
  X(aud, "aud")                 \
  X(exp, "exp")                 \
  X(nbf, "nbf")                 \
  X(iat, "iat")                 \
  X(azp, "azp")                 \
  X(client_id, "client_id")     \
  X(gty, "gty")                 \
  X(jti, "jti")                 \
  X(scope, "scope")             \
  X(scp, "scp")                 \
  X(permissions, "permissions")

/// The values of the claims jwtcheck checks; null when absent.
struct ClaimSlots {
#define JWTCHECK_CLAIM_MEMBER(member, name) const ScannedValue* member = nullptr;
  JWTCHECK_CLAIM_SLOTS(JWTCHECK_CLAIM_MEMBER)
#undef JWTCHECK_CLAIM_MEMBER
};

/// The claims ClaimSlots has, in slot order.
inline constexpr std::string_view kClaimNames[] = {
#define JWTCHECK_CLAIM_NAME(member, name) name,
    JWTCHECK_CLAIM_SLOTS(JWTCHECK_CLAIM_NAME)
#undef JWTCHECK_CLAIM_NAME
};
/// The ObjectScan slot of each claim ClaimSlots has (give it to the claims scan): claim_slot(name) is it, or -1.
inline constexpr SlotNames claim_slot(kClaimNames);

// The list's order is the slot order: claim_slot gives each name the slot of its index.
static_assert([] {
  for (std::size_t i = 0; i < std::size(kClaimNames); ++i)
    if (claim_slot(kClaimNames[i]) != static_cast<int>(i)) return false;
  return true;
}());

/// The claims a scan with claim_slot kept.
ClaimSlots locate_claims(const ObjectScan& claims) noexcept;

}  // namespace jwtcheck::detail
