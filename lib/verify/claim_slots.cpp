#include "verify/claim_slots.hpp"

#include <string_view>

namespace jwtcheck::detail {

namespace {

// The slot for a claim name, or null for claims jwtcheck does not read.
const JsonValue** slot_for(ClaimSlots& slots, std::string_view name) noexcept {
  switch (name.size()) {
    case 3:
      if (name == "iss") return &slots.iss;
      if (name == "sub") return &slots.sub;
      if (name == "aud") return &slots.aud;
      if (name == "exp") return &slots.exp;
      if (name == "nbf") return &slots.nbf;
      if (name == "iat") return &slots.iat;
      if (name == "azp") return &slots.azp;
      if (name == "gty") return &slots.gty;
      if (name == "scp") return &slots.scp;
      return nullptr;
    case 5: return name == "scope" ? &slots.scope : nullptr;
    case 9: return name == "client_id" ? &slots.client_id : nullptr;
    case 11: return name == "permissions" ? &slots.permissions : nullptr;
    default: return nullptr;
  }
}

}  // namespace

ClaimSlots locate_claims(const JsonValue& claims) noexcept {
  ClaimSlots slots;
  for (auto m = claims.MemberBegin(); m != claims.MemberEnd(); ++m)
    if (const JsonValue** slot = slot_for(slots, string_view_of(m->name))) *slot = &m->value;
  return slots;
}

}  // namespace jwtcheck::detail
