// Reading the small JSON objects servers send the fetch module (token answers, OAuth errors,
// discovery documents) with RapidJSON, without leaking RapidJSON beyond lib/fetch.
#pragma once

#include <jwtcheck/error.hpp>

#include <rapidjson/document.h>

#include <optional>
#include <string_view>

namespace jwtcheck::detail {

/// Parses `text` as one JSON object: strict UTF-8, no trailing data, no duplicate member names
/// at the top level (two "issuer"s must not mean different things to different readers).
/// Errors: invalid_response naming `what` ("token endpoint answer", "discovery document"…).
Result<rapidjson::Document> parse_json_object(std::string_view text, std::string_view what);

/// The top-level member `name`, or nullptr.
const rapidjson::Value* member(const rapidjson::Value& object, std::string_view name);

/// Kind of a JSON value for messages: "string", "number", "object"…
std::string_view json_kind(const rapidjson::Value& value);

}  // namespace jwtcheck::detail
