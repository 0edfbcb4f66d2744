#include "path_pattern.hpp"

namespace jwtcheck::cli::authz {

// Recursive matcher; depth is bounded by the number of stars in the pattern (config-controlled).
bool path_matches(std::string_view pattern, std::string_view path) noexcept {
  while (!pattern.empty()) {
    if (pattern.starts_with("**")) {
      pattern.remove_prefix(2);
      if (pattern.empty()) return true;
      for (std::size_t i = 0; i <= path.size(); ++i) {
        if (path_matches(pattern, path.substr(i))) return true;
      }
      return false;
    }
    if (pattern.front() == '*') {
      pattern.remove_prefix(1);
      for (std::size_t i = 0; i <= path.size(); ++i) {
        if (path_matches(pattern, path.substr(i))) return true;
        if (i < path.size() && path[i] == '/') return false;
      }
      return false;
    }
    if (path.empty() || path.front() != pattern.front()) return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
  }
  return path.empty();
}

}  // namespace jwtcheck::cli::authz
