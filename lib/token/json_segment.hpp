// A header or claims segment: base64url-decoded, and parsed with the JSON limits into a document
// whose strings point into a private copy, so the text as sent stays available alongside.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include "json/json_document.hpp"
#include "json/limited_json.hpp"
#include "token/decoded_segment.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::detail {

template <std::size_t TextBytes, std::size_t ValueBytes>
struct JsonSegment {
  DecodedSegment<TextBytes> text;    ///< the decoded JSON as sent
  DecodedSegment<TextBytes> parsed;  ///< the copy RapidJSON parsed in place (strings point here)
  StackJsonDocument<ValueBytes> json;

  const JsonValue& root() const noexcept { return json.document(); }
};

/// Sized for the header of any real token, without the heap.
using HeaderSegment = JsonSegment<1024, 1024>;
/// Sized for an Auth0 access token with a few dozen permissions, without the heap.
using ClaimsSegment = JsonSegment<4096, 4096>;

/// Decodes `encoded` into `out` and parses it (an object; depth, duplicates, UTF-8 checked).
/// Errors: malformed_token (empty or bad base64url), invalid_json, json_too_deep, duplicate_member.
template <std::size_t TextBytes, std::size_t ValueBytes>
Result<void> decode_json_segment(std::string_view encoded, std::string_view what, JsonSegment<TextBytes, ValueBytes>& out,
                                 const Limits& limits) {
  if (encoded.empty()) return Error{ErrorCode::malformed_token, std::string(what) + ": the segment is empty"};
  if (!out.text.decode(encoded))
    return Error{ErrorCode::malformed_token,
                 std::string(what) + ": not strict base64url (no padding, no whitespace, alphabet A-Z a-z 0-9 - _)"};
  out.parsed.assign(out.text.view());
  return parse_json_object_in_situ(out.parsed.data(), out.parsed.size(), out.json.document(), limits.max_json_depth,
                                   what);
}

}  // namespace jwtcheck::detail
