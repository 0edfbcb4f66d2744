// The tenant's OpenID Provider metadata (/.well-known/openid-configuration), Auth0-shaped.
#pragma once

#include <jwtcheck/alg.hpp>

#include <string>

namespace jwtcheck::testing::detail {

/// The discovery JSON of a tenant at `base_url` ("https://host:port") signing with `alg`.
std::string discovery_json(const std::string& base_url, Alg alg);

}  // namespace jwtcheck::testing::detail
