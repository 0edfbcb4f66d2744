// Small edits of JWK JSON for bad-input tests: set or remove one member, keeping the rest.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>
#include <string>

namespace jwtcheck::test {

/// The JWK with member `name` set to the raw JSON `value_json` (added when absent).
inline std::string jwk_with(const std::string& jwk, const char* name, const std::string& value_json) {
  rapidjson::Document doc;
  doc.Parse(jwk.c_str());
  rapidjson::Document value(&doc.GetAllocator());
  value.Parse(value_json.c_str());
  if (doc.HasParseError() || value.HasParseError()) throw std::invalid_argument("jwk_with: bad JSON");
  doc.RemoveMember(name);
  doc.AddMember(rapidjson::Value(name, doc.GetAllocator()), rapidjson::Value(value, doc.GetAllocator()), doc.GetAllocator());
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  doc.Accept(writer);
  return out.GetString();
}

/// The JWK without member `name`.
inline std::string jwk_without(const std::string& jwk, const char* name) {
  rapidjson::Document doc;
  doc.Parse(jwk.c_str());
  if (doc.HasParseError() || !doc.RemoveMember(name)) throw std::invalid_argument("jwk_without: no such member");
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  doc.Accept(writer);
  return out.GetString();
}

/// A JSON string literal for `s` (test values are plain base64url/ASCII: no escaping needed).
inline std::string quoted(const std::string& s) { return "\"" + s + "\""; }

/// The string member `name` of a JWK.
inline std::string jwk_member(const std::string& jwk, const char* name) {
  rapidjson::Document doc;
  doc.Parse(jwk.c_str());
  if (doc.HasParseError() || !doc.HasMember(name) || !doc[name].IsString()) throw std::invalid_argument("jwk_member");
  return doc[name].GetString();
}

}  // namespace jwtcheck::test
