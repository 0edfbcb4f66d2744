// A JWKS document ({"keys": [...]}) to a KeySet: broken keys are skipped and reported, a
// broken document fails as a whole.
#include <jwtcheck/key_set.hpp>

#include "keys/jwk.hpp"
#include "keys/key_json.hpp"

namespace jwtcheck {

namespace {

std::string kid_of(const rapidjson::Value& jwk) {
  if (!jwk.IsObject()) return {};
  const auto it = jwk.FindMember("kid");
  if (it == jwk.MemberEnd() || !it->value.IsString()) return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

Result<const rapidjson::Value*> keys_array(const rapidjson::Value& doc, const Limits& limits) {
  if (!doc.IsObject())
    return Error{ErrorCode::invalid_jwks, std::string("a JWKS must be a JSON object, got ") + detail::json_type_name(doc)};
  const auto it = doc.FindMember("keys");
  if (it == doc.MemberEnd()) return Error{ErrorCode::invalid_jwks, "JWKS lacks the \"keys\" member"};
  if (!it->value.IsArray())
    return Error{ErrorCode::invalid_jwks,
                 std::string("JWKS \"keys\" must be an array, got ") + detail::json_type_name(it->value)};
  if (it->value.Size() > limits.max_jwks_keys)
    return Error{ErrorCode::too_many_keys, "JWKS has " + std::to_string(it->value.Size()) + " keys, the limit is " +
                                               std::to_string(limits.max_jwks_keys)};
  return &it->value;
}

}  // namespace

Result<ParsedJwks> parse_jwks(std::string_view json, const Limits& limits) {
  if (json.size() > limits.max_jwks_bytes)
    return Error{ErrorCode::invalid_jwks,
                 "JWKS is " + std::to_string(json.size()) + " bytes, the limit is " + std::to_string(limits.max_jwks_bytes)};
  auto doc = detail::parse_key_json(json, limits.max_json_depth, ErrorCode::invalid_jwks, "JWKS");
  if (!doc) return std::move(doc).error();
  auto keys = keys_array(**doc, limits);
  if (!keys) return std::move(keys).error();

  std::vector<Key> usable;
  std::vector<SkippedKey> skipped;
  std::size_t index = 0;
  for (const auto& jwk : (*keys)->GetArray()) {
    auto key = detail::key_from_jwk(jwk, limits);
    if (key)
      usable.push_back(std::move(*key));
    else
      skipped.push_back(SkippedKey{index, kid_of(jwk), std::move(key).error()});
    ++index;
  }
  return ParsedJwks{KeySet(std::move(usable)), std::move(skipped)};
}

}  // namespace jwtcheck
