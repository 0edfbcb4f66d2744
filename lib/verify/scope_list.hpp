// The scopes a token grants: "scope" (space-separated string), "scp" (array of strings or a
// space-separated string) and Auth0's "permissions" (array of strings), merged.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/scopes.hpp>

#include "verify/claim_slots.hpp"
#include "small_vector.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

/// Scopes without duplicates, in first-seen order, each with the sources it came from.
class ScopeList {
 public:
  /// Adds `name` from `source`, or adds the source bit to an existing entry.
  void add(std::string_view name, ScopeSource source);
  bool contains(std::string_view name) const noexcept;
  std::span<const Scope> scopes() const noexcept { return scopes_.span(); }

 private:
  SmallVector<Scope, 48> scopes_;
};

/// Collects the scopes of `claims` into `out`. More than `max_scopes` entries in total (before
/// merging), or a claim of the wrong type, is invalid_claim. Duplicates are found by a linear
/// scan: cheap for real tokens, bounded by max_scopes, and reached on the verify path only
/// after the signature has been checked.
Result<void> collect_scopes(const ClaimSlots& claims, std::size_t max_scopes, ScopeList& out);

}  // namespace jwtcheck::detail
