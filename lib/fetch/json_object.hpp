// Reading the small JSON objects servers send the fetch module (token answers, OAuth errors,
// discovery documents) with RapidJSON, without leaking RapidJSON beyond lib/fetch.
#pragma once

#include <jwtcheck/error.hpp>

#include <rapidjson/document.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace jwtcheck::detail {

/// Nesting allowed in a server's answer (token answers and discovery documents are shallow).
inline constexpr std::size_t kMaxAnswerDepth = 16;

/// Parses `text` as one JSON object with the rules of json/limited_json (strict UTF-8, no
/// trailing data, no duplicate member names at any level, at most kMaxAnswerDepth deep).
/// Errors: invalid_response naming `what` ("token endpoint answer", "discovery document"…).
Result<rapidjson::Document> parse_json_object(std::string_view text, std::string_view what);

/// The top-level member `name`, or nullptr.
const rapidjson::Value* member(const rapidjson::Value& object, std::string_view name);

/// Kind of a JSON value for messages: "string", "number", "object"…
std::string_view json_kind(const rapidjson::Value& value);

}  // namespace jwtcheck::detail
