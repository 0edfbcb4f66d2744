// Lets Boost.Test print jwtcheck::ErrorCode and ClaimKind (by their stable names) in failed assertions.
#pragma once

#include <jwtcheck/claims.hpp>
#include <jwtcheck/error.hpp>

#include <ostream>

namespace jwtcheck {

inline std::ostream& boost_test_print_type(std::ostream& out, ErrorCode code) { return out << code_name(code); }
inline std::ostream& boost_test_print_type(std::ostream& out, ClaimKind kind) { return out << claim_kind_name(kind); }

}  // namespace jwtcheck
