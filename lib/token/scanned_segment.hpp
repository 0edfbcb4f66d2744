// A header or claims segment: base64url-decoded, then scanned in place (json/object_scan.hpp)
// on a copy, so the text as sent stays available alongside the unescaped strings.
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
  DecodedSegment<TextBytes> parsed;  ///< the copy scanned in place (unescaped strings point here)
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
  out.parsed.assign(out.text.view());
  return out.scan.run(out.parsed.data(), out.text.view(), limits.max_json_depth, what, slot_of);
}

}  // namespace jwtcheck::detail
