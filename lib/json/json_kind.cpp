#include "json/json_kind.hpp"

namespace jwtcheck::detail {

JsonKind json_kind(rapidjson::Type type) noexcept {
  switch (type) {
    case rapidjson::kNullType: return JsonKind::null;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return JsonKind::boolean;
    case rapidjson::kObjectType: return JsonKind::object;
    case rapidjson::kArrayType: return JsonKind::array;
    case rapidjson::kStringType: return JsonKind::string;
    case rapidjson::kNumberType: return JsonKind::number;
  }
  return JsonKind::null;
}

std::string_view kind_name(JsonKind kind) noexcept {
  switch (kind) {
    case JsonKind::null: return "null";
    case JsonKind::boolean: return "a boolean";
    case JsonKind::number: return "a number";
    case JsonKind::string: return "a string";
    case JsonKind::array: return "an array";
    case JsonKind::object: return "an object";
  }
  return "?";
}

}  // namespace jwtcheck::detail
