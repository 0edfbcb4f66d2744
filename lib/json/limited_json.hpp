// Parsing untrusted JSON with limits: RapidJSON has no depth limit, keeps duplicate member names
// and stops at an embedded NUL, so every JSON object jwtcheck reads from outside goes through here.
#pragma once

#include <jwtcheck/error.hpp>

#include "json/json_document.hpp"

#include <rapidjson/document.h>

#include <cstddef>
#include <string_view>

namespace jwtcheck::detail {

/// Parses `text[0..size)` in place (RapidJSON in-situ: strings in `doc` point into `text`, which
/// must stay alive and must have a NUL at text[size]). The root must be an object; nesting deeper
/// than `max_depth`, duplicate member names (compared after unescaping), invalid UTF-8 and any
/// trailing byte are refused. `what` names the input in messages ("header", "claims", "JWKS").
/// Errors: invalid_json, json_too_deep, duplicate_member.
Result<void> parse_json_object_in_situ(char* text, std::size_t size, JsonDocument& doc, std::size_t max_depth,
                                       std::string_view what);

/// As parse_json_object_in_situ, but copies strings into `doc` (any rapidjson::Document);
/// `text` need not be NUL-terminated.
Result<void> parse_json_object(std::string_view text, rapidjson::Document& doc, std::size_t max_depth,
                               std::string_view what);

}  // namespace jwtcheck::detail
