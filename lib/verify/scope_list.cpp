#include "verify/scope_list.hpp"

#include "json/message_quote.hpp"
#include "same_name.hpp"

#include <string>

namespace jwtcheck::detail {

namespace {

Error invalid(std::string message) { return Error{ErrorCode::invalid_claim, std::move(message)}; }

Error too_many(std::size_t max_scopes) {
  return invalid("scope: more than " + std::to_string(max_scopes) + " scope/scp/permissions entries");
}

// Splits on spaces (RFC 6749 §3.3 says one space; runs of spaces are tolerated, empty parts ignored).
Result<void> add_space_separated(std::string_view text, ScopeSource source, std::size_t max_scopes,
                                 std::size_t& seen, ScopeList& out) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    if (*p == ' ') {
      ++p;
      continue;
    }
    const char* first = p;
    while (p != end && *p != ' ') ++p;  // scope names are short: a loop beats a memchr call
    if (++seen > max_scopes) return too_many(max_scopes);
    out.add(std::string_view(first, static_cast<std::size_t>(p - first)), source);
  }
  return {};
}

Result<void> add_string_array(const ScannedValue& array, std::string_view claim, ScopeSource source,
                              std::size_t max_scopes, std::size_t& seen, ScopeList& out) {
  if (!array.strings_only) return invalid(std::string(claim) + ": expected an array of strings");
  for (const std::string_view entry : array.strings) {
    if (++seen > max_scopes) return too_many(max_scopes);
    if (!entry.empty()) out.add(entry, source);
  }
  return {};
}

}  // namespace

void ScopeList::add(std::string_view name, ScopeSource source) {
  for (Scope& scope : scopes_) {
    if (same_name(scope.name, name)) {
      scope.sources |= source;
      return;
    }
  }
  scopes_.push_back(Scope{name, static_cast<unsigned>(source)});
}

bool ScopeList::contains(std::string_view name) const noexcept {
  for (const Scope& scope : scopes_)
    if (same_name(scope.name, name)) return true;
  return false;
}

Result<void> collect_scopes(const ClaimSlots& claims, std::size_t max_scopes, ScopeList& out) {
  std::size_t seen = 0;
  if (const ScannedValue* scope = claims.scope) {
    if (!scope->is_string()) return invalid("scope: expected a space-separated string");
    if (auto r = add_space_separated(scope->string, scope_from_scope, max_scopes, seen, out); !r) return r;
  }
  if (const ScannedValue* scp = claims.scp) {
    Result<void> r;
    if (scp->is_string()) r = add_space_separated(scp->string, scope_from_scp, max_scopes, seen, out);
    else if (scp->is_array()) r = add_string_array(*scp, "scp", scope_from_scp, max_scopes, seen, out);
    else return invalid("scp: expected an array of strings or a space-separated string");
    if (!r) return r;
  }
  if (const ScannedValue* permissions = claims.permissions) {
    if (!permissions->is_array()) return invalid("permissions: expected an array of strings");
    if (auto r = add_string_array(*permissions, "permissions", scope_from_permissions, max_scopes, seen, out); !r)
      return r;
  }
  return {};
}

}  // namespace jwtcheck::detail
