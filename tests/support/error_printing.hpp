// Lets Boost.Test print jwtcheck::ErrorCode, ClaimKind and TokenProfile (by their stable names) in failed assertions.
#pragma once

#include <jwtcheck/claims.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/policy.hpp>

#include <ostream>

namespace jwtcheck {

inline std::ostream& boost_test_print_type(std::ostream& out, ErrorCode code) { return out << code_name(code); }
inline std::ostream& boost_test_print_type(std::ostream& out, ClaimKind kind) { return out << claim_kind_name(kind); }
inline std::ostream& boost_test_print_type(std::ostream& out, TokenProfile profile) { return out << profile_name(profile); }

}  // namespace jwtcheck
