#include "route_table.hpp"

#include "path_pattern.hpp"

#include <algorithm>

namespace jwtcheck::cli::authz {

const RouteConfig* find_route(const AuthzConfig& config, std::string_view method, std::string_view uri) noexcept {
  const std::string_view path = uri.substr(0, uri.find_first_of("?#"));
  for (const RouteConfig& route : config.routes) {
    const bool method_ok = route.methods.empty() ||
                           std::find(route.methods.begin(), route.methods.end(), method) != route.methods.end();
    if (method_ok && path_matches(route.path, path)) return &route;
  }
  if (config.default_route) return &config.routes[*config.default_route];
  return nullptr;
}

}  // namespace jwtcheck::cli::authz
