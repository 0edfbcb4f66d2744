// A header or claims segment: base64url-decoded, then scanned (json/object_scan.hpp) where it
// lies when it is plain JSON, or in place on a copy, so the text as sent stays available
// alongside the unescaped strings.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include "json/object_scan.hpp"
#include "token/decoded_segment.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::detail {

template <std::size_t TextBytes>
struct ScannedSegment {
  DecodedSegment<TextBytes> text;    ///< the decoded JSON as sent
  DecodedSegment<TextBytes> copy;    ///< the copy parsed in place, when the JSON is not plain
  std::string_view parsed;           ///< where the kept strings point: `text`, or `copy` (unescaped)
  ObjectScan scan;
};

/// Sized for the header of any real token, without the heap.
using HeaderSegment = ScannedSegment<1024>;
/// Sized for an Auth0 access token with a few dozen permissions, without the heap.
using ClaimsSegment = ScannedSegment<4096>;

/// Decodes `encoded` into `out` and scans it (an object; depth, duplicates, UTF-8 checked),
/// keeping the top-level members `slot_of` names.
/// Errors: malformed_token (empty or bad base64url), invalid_json, json_too_deep, duplicate_member.
template <std::size_t TextBytes>
Result<void> decode_json_segment(std::string_view encoded, std::string_view what, ScannedSegment<TextBytes>& out,
                                 const Limits& limits, SlotOf slot_of) {
  if (encoded.empty()) return Error{ErrorCode::malformed_token, std::string(what) + ": the segment is empty"};
  if (!out.text.decode(encoded))
    return Error{ErrorCode::malformed_token,
                 std::string(what) + ": not strict base64url (no padding, no whitespace, alphabet A-Z a-z 0-9 - _)"};
  out.parsed = out.text.view();
  // Real tokens are plain JSON, read where they were decoded; anything else is parsed in place
  // (unescaping strings) on a copy, so the text as sent stays whole.
  if (out.scan.run_plain(out.text.view(), limits.max_json_depth, slot_of)) return {};
  out.copy.assign(out.text.view());
  out.parsed = out.copy.view();
  return out.scan.run_full(out.copy.data(), out.text.view(), limits.max_json_depth, what, slot_of);
}

}  // namespace jwtcheck::detail
