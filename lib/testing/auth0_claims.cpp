#include <jwtcheck/testing/mint.hpp>

#include "testing/json_object.hpp"

#include <ctime>
#include <limits>

namespace jwtcheck::testing {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value audience_value(const std::vector<std::string>& audiences, Allocator& allocator) {
  if (audiences.size() == 1) return detail::json_string(audiences.front(), allocator);
  rapidjson::Value array(rapidjson::kArrayType);
  for (const auto& audience : audiences) array.PushBack(detail::json_string(audience, allocator), allocator);
  return array;
}

// iat + lifetime, saturated at the int64 range: signed overflow is undefined behaviour, and a
// test that asks for an absurd lifetime gets an absurd (still out-of-range) exp, not a wrapped one.
std::int64_t expiry(std::int64_t iat, std::int64_t lifetime) noexcept {
  std::int64_t exp = 0;
  if (!__builtin_add_overflow(iat, lifetime, &exp)) return exp;
  return lifetime > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
}

// The members in the order Auth0 writes them.
void add_standard_claims(const Auth0Claims& c, rapidjson::Document& doc) {
  Allocator& a = doc.GetAllocator();
  const std::int64_t iat = c.issued_at != 0 ? c.issued_at : static_cast<std::int64_t>(std::time(nullptr));
  doc.AddMember("iss", detail::json_string(c.issuer, a), a);
  doc.AddMember("sub", detail::json_string(c.client_id + "@clients", a), a);
  if (!c.audiences.empty()) doc.AddMember("aud", audience_value(c.audiences, a), a);
  doc.AddMember("iat", rapidjson::Value(iat), a);
  doc.AddMember("exp", rapidjson::Value(expiry(iat, c.lifetime_seconds)), a);
  if (!c.scope.empty()) doc.AddMember("scope", detail::json_string(c.scope, a), a);
  if (!c.gty.empty()) doc.AddMember("gty", detail::json_string(c.gty, a), a);
  doc.AddMember("azp", detail::json_string(c.client_id, a), a);
  if (!c.permissions.empty()) {
    rapidjson::Value permissions(rapidjson::kArrayType);
    for (const auto& p : c.permissions) permissions.PushBack(detail::json_string(p, a), a);
    doc.AddMember("permissions", permissions, a);
  }
}

}  // namespace

Result<std::string> Auth0Claims::to_json_checked() const {
  rapidjson::Document doc(rapidjson::kObjectType);
  add_standard_claims(*this, doc);
  if (!detail::merge_members(doc, extra_claims_json, doc.GetAllocator()))
    return Error{ErrorCode::invalid_json, "expected extra_claims_json to be a JSON object, got: " + extra_claims_json};
  return detail::to_json_text(doc);
}

std::string Auth0Claims::to_json() const {
  auto json = to_json_checked();
  if (json) return std::move(*json);
  Auth0Claims without_extra = *this;
  without_extra.extra_claims_json.clear();
  return *without_extra.to_json_checked();
}

}  // namespace jwtcheck::testing
