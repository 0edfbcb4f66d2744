// Lets Boost.Test print jwtcheck::ErrorCode (by its stable name) in failed assertions.
#pragma once

#include <jwtcheck/error.hpp>

#include <ostream>

namespace jwtcheck {

inline std::ostream& boost_test_print_type(std::ostream& out, ErrorCode code) { return out << code_name(code); }

}  // namespace jwtcheck
