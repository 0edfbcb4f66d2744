#include "verify/scope_list.hpp"

#include "json/message_quote.hpp"

#include <string>

namespace jwtcheck::detail {

namespace {

Error invalid(std::string message) { return Error{ErrorCode::invalid_claim, std::move(message)}; }

Error too_many(std::size_t max_scopes) {
  return invalid("scope: more than " + std::to_string(max_scopes) + " scope/scp/permissions entries");
}

// Adds each part of `text` between spaces (RFC 6749 §3.3 says one space; runs of spaces are
// tolerated, empty parts ignored). False when that makes more than max_scopes entries.
bool add_space_separated(std::string_view text, ScopeSource source, std::size_t max_scopes, std::size_t& seen,
                         ScopeList& out) {
  std::size_t start = 0;  // where the current part began
  const auto add_part = [&](std::size_t end) {
    if (end == start) return true;
    if (++seen > max_scopes) return false;
    out.add(text.substr(start, end - start), source);
    return true;
  };
  for (std::size_t at = text.find(' '); at != std::string_view::npos; at = text.find(' ', start)) {
    if (!add_part(at)) return false;
    start = at + 1;
  }
  return add_part(text.size());
}

// Adds each non-empty string; false when that makes more than max_scopes entries.
bool add_strings(std::span<const std::string_view> strings, ScopeSource source, std::size_t max_scopes,
                 std::size_t& seen, ScopeList& out) {
  for (const std::string_view entry : strings) {
    if (++seen > max_scopes) return false;
    if (!entry.empty()) out.add(entry, source);
  }
  return true;
}

Error not_strings(std::string_view claim) { return invalid(std::string(claim) + ": expected an array of strings"); }

}  // namespace

void ScopeList::add(std::string_view name, ScopeSource source) {
  for (Scope& scope : scopes_) {
    if (scope.name == name) {
      scope.sources |= source;
      return;
    }
  }
  scopes_.push_back(Scope{name, static_cast<unsigned>(source)});
}

bool ScopeList::contains(std::string_view name) const noexcept {
  for (const Scope& scope : scopes_)
    if (scope.name == name) return true;
  return false;
}

Result<void> collect_scopes(const ClaimSlots& claims, std::size_t max_scopes, ScopeList& out) {
  // Types first, so that the splitting below can only stop on the count.
  if (claims.scope && !claims.scope->is_string()) return invalid("scope: expected a space-separated string");
  if (claims.scp && !claims.scp->is_string() && !claims.scp->is_array())
    return invalid("scp: expected an array of strings or a space-separated string");
  if (claims.scp && claims.scp->is_array() && !claims.scp->strings_only) return not_strings("scp");
  if (claims.permissions && !claims.permissions->is_string_array()) return not_strings("permissions");
  std::size_t seen = 0;
  const bool within_limit =
      (!claims.scope || add_space_separated(claims.scope->string, scope_from_scope, max_scopes, seen, out)) &&
      (!claims.scp || (claims.scp->is_string()
                           ? add_space_separated(claims.scp->string, scope_from_scp, max_scopes, seen, out)
                           : add_strings(claims.scp->strings, scope_from_scp, max_scopes, seen, out))) &&
      (!claims.permissions ||
       add_strings(claims.permissions->strings, scope_from_permissions, max_scopes, seen, out));
  if (!within_limit) return too_many(max_scopes);
  return {};
}

}  // namespace jwtcheck::detail
