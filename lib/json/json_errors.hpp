// The errors every untrusted-JSON parser in jwtcheck reports, worded once, and the ASCII test
// that decides whether RapidJSON must validate UTF-8.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include <rapidjson/error/error.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace jwtcheck::detail {

/// No comments, no NaN/Infinity, no trailing commas: plain RFC 8259.
inline constexpr unsigned kJsonStrictFlags = rapidjson::kParseDefaultFlags;
/// Checking UTF-8 disables RapidJSON's fast string scanning, so it is only asked for when the
/// text has a non-ASCII byte: pure ASCII is valid UTF-8, and escapes are decoded the same way
/// with or without the flag.
inline constexpr unsigned kJsonValidateUtf8 = rapidjson::kParseValidateEncodingFlag;

/// The depth a parser really allows: the caller's limit, never past max_json_depth_ceiling, for
/// RapidJSON's reader recurses once per level and the stack must bound it.
inline std::size_t effective_json_depth(std::size_t max_depth) noexcept {
  return std::min(max_depth, max_json_depth_ceiling);
}

/// True when every byte is below 0x80 (such text is valid UTF-8 by construction).
bool is_ascii(std::string_view text) noexcept;

/// invalid_json: "WHAT: invalid JSON at byte N: reason".
Error json_syntax_error(std::string_view what, rapidjson::ParseErrorCode code, std::size_t offset);
/// json_too_deep: "WHAT: JSON nested deeper than N levels".
Error json_too_deep_error(std::string_view what, std::size_t max_depth);
/// duplicate_member: "WHAT: duplicate member "NAME"".
Error json_duplicate_error(std::string_view what, std::string_view name);
/// invalid_json: "WHAT: expected a JSON object, got TYPE" (`got` like "an array").
Error json_not_object_error(std::string_view what, std::string_view got);

}  // namespace jwtcheck::detail
