// jwtcheck authz — matching a request path against a route's pattern.
#pragma once

#include <string_view>

namespace jwtcheck::cli::authz {

/// True when `path` (without its query) matches `pattern`: "*" matches any run of characters
/// within one segment (no "/"), "**" any run at all, everything else itself. Linear-bounded:
/// backtracking is limited by the pattern's star count, and patterns are short.
bool path_matches(std::string_view pattern, std::string_view path) noexcept;

}  // namespace jwtcheck::cli::authz
