// RapidJSON parsing for untrusted key material: strict UTF-8, a nesting limit (RapidJSON has
// none of its own) and no duplicate member names (parsers disagree on which one wins).
#pragma once

#include <jwtcheck/error.hpp>

#include <rapidjson/document.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// Parses exactly one JSON value. Errors: json_too_deep (nesting deeper than max_depth),
/// duplicate_member, and `syntax_error` (the caller's code) for anything else malformed,
/// including invalid UTF-8, NUL bytes and trailing data. `what` names the document in messages.
Result<std::unique_ptr<rapidjson::Document>> parse_limited_json(std::string_view text, std::size_t max_depth,
                                                                ErrorCode syntax_error, std::string_view what);

/// A short, printable copy of untrusted text for an error message: at most `max_chars`
/// characters, control and non-ASCII bytes shown as '?', "..." when cut.
std::string excerpt_for_message(std::string_view text, std::size_t max_chars = 40);

}  // namespace jwtcheck::detail
