#include "verify/claim_slots.hpp"

namespace jwtcheck::detail {

namespace {

enum ClaimSlot : int {
#define JWTCHECK_CLAIM_ENUM(member, name) k_##member,
  JWTCHECK_CLAIM_SLOTS(JWTCHECK_CLAIM_ENUM)
#undef JWTCHECK_CLAIM_ENUM
  kCount
};
static_assert(kCount == std::size(kClaimNames));

}  // namespace

ClaimSlots locate_claims(const ObjectScan& claims) noexcept {
  ClaimSlots slots;
#define JWTCHECK_CLAIM_LOCATE(member, name) slots.member = claims.slot(k_##member);
  JWTCHECK_CLAIM_SLOTS(JWTCHECK_CLAIM_LOCATE)
#undef JWTCHECK_CLAIM_LOCATE
  return slots;
}

}  // namespace jwtcheck::detail
