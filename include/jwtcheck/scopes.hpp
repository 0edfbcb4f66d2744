// jwtcheck — the scopes a token grants, merged from "scope", "scp" and "permissions".
#pragma once

#include <string_view>

namespace jwtcheck {

/// Where a scope was found (a bit set: a scope may come from several places).
enum ScopeSource : unsigned {
  scope_from_scope = 1u << 0,        ///< the space-separated "scope" string (RFC 8693 / Auth0)
  scope_from_scp = 1u << 1,          ///< an "scp" array (or string)
  scope_from_permissions = 1u << 2,  ///< Auth0's "permissions" array (RBAC)
};

/// One scope of a token, without duplicates across the sources.
struct Scope {
  std::string_view name;  ///< points into the token's decoded claims
  unsigned sources = 0;   ///< ScopeSource bits
};

}  // namespace jwtcheck
