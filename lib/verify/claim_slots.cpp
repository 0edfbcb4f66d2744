#include "verify/claim_slots.hpp"

#include <iterator>

namespace jwtcheck::detail {

namespace {

enum ClaimSlot : int { kIss, kSub, kAud, kExp, kNbf, kIat, kAzp, kClientId, kGty, kScope, kScp, kPermissions, kCount };
static_assert(kCount == std::size(kClaimNames));
static_assert(claim_slot("iss") == kIss && claim_slot("sub") == kSub && claim_slot("aud") == kAud &&
              claim_slot("exp") == kExp && claim_slot("nbf") == kNbf && claim_slot("iat") == kIat &&
              claim_slot("azp") == kAzp && claim_slot("client_id") == kClientId && claim_slot("gty") == kGty &&
              claim_slot("scope") == kScope && claim_slot("scp") == kScp && claim_slot("permissions") == kPermissions);

}  // namespace

ClaimSlots locate_claims(const ObjectScan& claims) noexcept {
  ClaimSlots slots;
  slots.iss = claims.slot(kIss);
  slots.sub = claims.slot(kSub);
  slots.aud = claims.slot(kAud);
  slots.exp = claims.slot(kExp);
  slots.nbf = claims.slot(kNbf);
  slots.iat = claims.slot(kIat);
  slots.azp = claims.slot(kAzp);
  slots.client_id = claims.slot(kClientId);
  slots.gty = claims.slot(kGty);
  slots.scope = claims.slot(kScope);
  slots.scp = claims.slot(kScp);
  slots.permissions = claims.slot(kPermissions);
  return slots;
}

}  // namespace jwtcheck::detail
