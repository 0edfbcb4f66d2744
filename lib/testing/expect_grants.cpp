// What the token grants: scopes ("scope", "scp") and Auth0 RBAC permissions ("permissions").
#include <jwtcheck/testing/expect.hpp>

#include "testing/expect_view.hpp"

#include <algorithm>

namespace jwtcheck::testing {

namespace {

using detail::json_for_report;
using detail::quoted_list;
using detail::TokenView;

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  return found == object.MemberEnd() ? nullptr : &found->value;
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

void add_space_separated(std::vector<std::string>& list, std::string_view text) {
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(' '), text.size());
    add_unique(list, std::string(text.substr(0, end)));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
}

// Strings of a claim that may be a space-separated string or an array of strings.
void add_strings(std::vector<std::string>& list, const rapidjson::Value* value) {
  if (value == nullptr) return;
  if (value->IsString()) add_space_separated(list, {value->GetString(), value->GetStringLength()});
  if (!value->IsArray()) return;
  for (const auto& item : value->GetArray()) {
    if (item.IsString()) add_unique(list, std::string(item.GetString(), item.GetStringLength()));
  }
}

std::vector<std::string> granted_scopes(const TokenView& view) {
  std::vector<std::string> scopes;
  add_strings(scopes, member(view.claims, "scope"));
  add_strings(scopes, member(view.claims, "scp"));
  return scopes;
}

// The scope claims as the token has them, so the report shows the raw values.
std::string scope_claims_for_report(const TokenView& view) {
  std::string text = "scope " + json_for_report(member(view.claims, "scope"));
  if (const rapidjson::Value* scp = member(view.claims, "scp")) text += ", scp " + json_for_report(scp);
  return text;
}

std::vector<std::string> missing_from(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
  std::vector<std::string> missing;
  for (const std::string& item : wanted) {
    if (std::find(have.begin(), have.end(), item) == have.end()) add_unique(missing, item);
  }
  return missing;
}

std::vector<std::string> unique_sorted(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return items;
}

}  // namespace

TokenExpectation& TokenExpectation::has_scopes(std::vector<std::string> scopes) {
  return add({"scope", "to include " + quoted_list(scopes), [scopes](const TokenView& view) {
                const std::vector<std::string> missing = missing_from(scopes, granted_scopes(view));
                if (missing.empty()) return std::optional<std::string>();
                return std::optional<std::string>(scope_claims_for_report(view) + " (missing " +
                                                  quoted_list(missing) + ")");
              }});
}

TokenExpectation& TokenExpectation::has_exactly_scopes(std::vector<std::string> scopes) {
  std::vector<std::string> wanted = unique_sorted(std::move(scopes));
  return add({"scope", "exactly " + quoted_list(wanted), [wanted](const TokenView& view) {
                const std::vector<std::string> granted = granted_scopes(view);
                const std::vector<std::string> missing = missing_from(wanted, granted);
                const std::vector<std::string> extra = missing_from(granted, wanted);
                if (missing.empty() && extra.empty()) return std::optional<std::string>();
                std::string actual = scope_claims_for_report(view) + " (";
                if (!missing.empty()) actual += "missing " + quoted_list(missing);
                if (!missing.empty() && !extra.empty()) actual += ", ";
                if (!extra.empty()) actual += "unexpected " + quoted_list(extra);
                return std::optional<std::string>(actual + ")");
              }});
}

TokenExpectation& TokenExpectation::has_permission(std::string permission) {
  return add({"permissions", "to contain " + detail::quoted(permission), [permission](const TokenView& view) {
                const rapidjson::Value* permissions = member(view.claims, "permissions");
                if (permissions != nullptr && permissions->IsArray()) {
                  for (const auto& item : permissions->GetArray()) {
                    if (item.IsString() && permission == std::string_view(item.GetString(), item.GetStringLength()))
                      return std::optional<std::string>();
                  }
                }
                return std::optional<std::string>(json_for_report(permissions));
              }});
}

}  // namespace jwtcheck::testing
