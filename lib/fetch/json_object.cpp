#include "fetch/json_object.hpp"

#include "fetch/printable_text.hpp"

#include <rapidjson/error/en.h>

#include <set>
#include <string>

namespace jwtcheck::detail {

Result<rapidjson::Document> parse_json_object(std::string_view text, std::string_view what) {
  rapidjson::Document document;
  // Iterative parsing: no recursion, so a deeply nested answer cannot exhaust the stack.
  constexpr unsigned flags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
  document.Parse<flags>(text.data(), text.size());
  if (document.HasParseError()) {
    return Error{ErrorCode::invalid_response,
                 std::string("expected a JSON object as the ") + std::string(what) + ", got invalid JSON (" +
                     rapidjson::GetParseError_En(document.GetParseError()) + " at offset " +
                     std::to_string(document.GetErrorOffset()) + ")"};
  }
  if (!document.IsObject()) {
    return Error{ErrorCode::invalid_response, std::string("expected a JSON object as the ") + std::string(what) +
                                                  ", got " + std::string(json_kind(document))};
  }
  std::set<std::string_view> names;
  for (const auto& m : document.GetObject()) {
    std::string_view name(m.name.GetString(), m.name.GetStringLength());
    if (!names.insert(name).second) {
      return Error{ErrorCode::invalid_response, std::string("expected unique member names in the ") +
                                                    std::string(what) + ", got \"" +
                                                    printable_excerpt(name, 64) + "\" twice"};
    }
  }
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
