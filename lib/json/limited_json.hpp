// Parsing untrusted JSON with limits: RapidJSON has no depth limit, keeps duplicate member names
// and stops at an embedded NUL, so every JSON object jwtcheck reads from outside goes through here.
#pragma once

#include <jwtcheck/error.hpp>

#include <rapidjson/document.h>

#include <cstddef>
#include <string_view>

namespace jwtcheck::detail {

/// Parses `text` into `doc`. The root must be an object; nesting deeper than `max_depth`,
/// duplicate member names (compared after unescaping), invalid UTF-8 and any trailing byte are
/// refused. `what` names the input in messages ("JWKS", "token response"). A token's header and
/// claims go through ObjectScan (json/object_scan.hpp) instead, which applies the same rules.
/// Errors: invalid_json, json_too_deep, duplicate_member.
Result<void> parse_json_object(std::string_view text, rapidjson::Document& doc, std::size_t max_depth,
                               std::string_view what);

}  // namespace jwtcheck::detail
