// jwtcheck authz — which route a request falls under: the first match, else the default.
#pragma once

#include "authz_config.hpp"

#include <string_view>

namespace jwtcheck::cli::authz {

/// The route for METHOD PATH (query ignored): the first whose methods and pattern match, else
/// the config's default route, else nullptr (the request is refused).
const RouteConfig* find_route(const AuthzConfig& config, std::string_view method, std::string_view uri) noexcept;

}  // namespace jwtcheck::cli::authz
