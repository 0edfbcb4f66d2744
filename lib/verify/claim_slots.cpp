#include "verify/claim_slots.hpp"

namespace jwtcheck::detail {

namespace {

enum ClaimSlot : int { kIss, kSub, kAud, kExp, kNbf, kIat, kAzp, kClientId, kGty, kScope, kScp, kPermissions, kCount };
static_assert(kCount <= static_cast<int>(kMaxScanSlots));

}  // namespace

int claim_slot(std::string_view name) noexcept {
  switch (name.size()) {
    case 3:
      if (name == "iss") return kIss;
      if (name == "sub") return kSub;
      if (name == "aud") return kAud;
      if (name == "exp") return kExp;
      if (name == "nbf") return kNbf;
      if (name == "iat") return kIat;
      if (name == "azp") return kAzp;
      if (name == "gty") return kGty;
      if (name == "scp") return kScp;
      return -1;
    case 5: return name == "scope" ? kScope : -1;
    case 9: return name == "client_id" ? kClientId : -1;
    case 11: return name == "permissions" ? kPermissions : -1;
    default: return -1;
  }
}

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
