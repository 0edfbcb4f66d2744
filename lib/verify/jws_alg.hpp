// The header "alg" against the verifier's allowlist (RFC 8725 §3.1: the verifier decides).
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>

#include "verify/alg_set.hpp"

#include <string_view>

namespace jwtcheck::detail {

/// The algorithm named by `alg`, if it is exactly a known name and in `allowed`. "none" in any
/// spelling, unknown names and names outside the allowlist are alg_not_allowed.
Result<Alg> allowed_alg(std::string_view alg, const AlgSet& allowed);

}  // namespace jwtcheck::detail
