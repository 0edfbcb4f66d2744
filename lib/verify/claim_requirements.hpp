// Policy::required_claims, checked: prepared once at Verifier::create (pointers split, expected
// values parsed), then run on each token's claims text with no parse unless a claim is found
// and compared. A policy without requirements costs one branch.
#pragma once

#include <jwtcheck/policy.hpp>

#include "json/json_pointer.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <string>
#include <vector>

namespace jwtcheck::detail {

/// One requirement of the policy, ready to run.
struct PreparedRequirement {
  const ClaimRequirement* requirement = nullptr;  ///< in the VerifierState's policy
  std::vector<rapidjson::Document> expected;      ///< its values, parsed
  std::string expected_text;                      ///< what it expects, for people
};

/// Checks and prepares `policy.required_claims` (which must outlive the result: it points
/// there). Errors: invalid_policy (empty name, malformed pointer, a value that is not one JSON
/// value, a test without the values it needs, more than Limits allow).
Result<std::vector<PreparedRequirement>> prepare_requirements(const Policy& policy);

/// Runs every requirement on `claims` (the validated claims text and its parsed twin) and
/// records each as a check named after its claim. Returns whether to go on.
template <class Sink>
bool check_required_claims(const std::vector<PreparedRequirement>& requirements, ValidatedJson claims, Sink& sink);

}  // namespace jwtcheck::detail
