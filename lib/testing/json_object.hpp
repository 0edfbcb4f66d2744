// Small RapidJSON helpers for building the JSON objects the testing library emits.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace jwtcheck::testing::detail {

/// Parses `members_json` (a JSON object, or empty for none) and sets each of its members on
/// `target`, replacing members of the same name. False when it is not a JSON object.
bool merge_members(rapidjson::Value& target, std::string_view members_json,
                   rapidjson::Document::AllocatorType& allocator);

/// Compact JSON text of `value` (RapidJSON's Writer: correct escaping).
std::string to_json_text(const rapidjson::Value& value);

/// A JSON string value holding a copy of `text`.
rapidjson::Value json_string(std::string_view text, rapidjson::Document::AllocatorType& allocator);

}  // namespace jwtcheck::testing::detail
