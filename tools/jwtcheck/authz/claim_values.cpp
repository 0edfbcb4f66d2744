#include "claim_values.hpp"

#include <jwtcheck/token.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace jwtcheck::cli::authz {

namespace {

std::optional<std::string> as_text(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsBool()) return std::string(value.GetBool() ? "true" : "false");
  if (value.IsNumber()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
  }
  return std::nullopt;
}

}  // namespace

ClaimValues::ClaimValues(std::string_view claims_json) {
  rapidjson::Document doc;
  doc.Parse(claims_json.data(), claims_json.size());
  if (doc.HasParseError() || !doc.IsObject()) return;
  for (const auto& member : doc.GetObject()) {
    if (auto text = as_text(member.value)) {
      values_.emplace_back(std::string(member.name.GetString(), member.name.GetStringLength()), std::move(*text));
    }
  }
}

std::optional<std::string> ClaimValues::text(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

UnverifiedIdentity read_unverified_identity(std::string_view token) {
  UnverifiedIdentity identity;
  auto decoded = decode_unverified(token);
  if (!decoded) {
    identity.decode_error = decoded.error().message;
    identity.decode_code = std::string(code_name(decoded.error().code));
    return identity;
  }
  identity.decoded = true;
  identity.kid = decoded->kid;
  rapidjson::Document doc;
  doc.Parse(decoded->claims_json.data(), decoded->claims_json.size());
  if (doc.HasParseError() || !doc.IsObject()) return identity;
  auto string_claim = [&](const char* name) -> std::string {
    auto found = doc.FindMember(name);
    if (found == doc.MemberEnd() || !found->value.IsString()) return {};
    return std::string(found->value.GetString(), found->value.GetStringLength());
  };
  identity.issuer = string_claim("iss");
  identity.client_id = string_claim("azp");
  if (identity.client_id.empty()) identity.client_id = string_claim("client_id");
  if (identity.client_id.empty()) {
    const std::string sub = string_claim("sub");
    const auto at = sub.rfind("@clients");
    identity.client_id = at != std::string::npos && at + 8 == sub.size() ? sub.substr(0, at) : std::string();
  }
  return identity;
}

}  // namespace jwtcheck::cli::authz
