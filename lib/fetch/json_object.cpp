#include "fetch/json_object.hpp"

#include "json/limited_json.hpp"

namespace jwtcheck::detail {

Result<rapidjson::Document> parse_json_object(std::string_view text, std::string_view what) {
  // The one JSON object reader (json/limited_json) and its rules; only the error code differs:
  // here a malformed object is a server's answer that is not what the protocol says.
  rapidjson::Document document;
  if (auto parsed = jwtcheck::detail::parse_json_object(text, document, kMaxAnswerDepth, what); !parsed)
    return Error{ErrorCode::invalid_response, parsed.error().message};
  return document;
}

const rapidjson::Value* member(const rapidjson::Value& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(rapidjson::Value(rapidjson::StringRef(name.data(), name.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string_view json_kind(const rapidjson::Value& value) {
  if (value.IsString()) return "a string";
  if (value.IsNumber()) return "a number";
  if (value.IsBool()) return "a boolean";
  if (value.IsNull()) return "null";
  if (value.IsArray()) return "an array";
  return "an object";
}

}  // namespace jwtcheck::detail
