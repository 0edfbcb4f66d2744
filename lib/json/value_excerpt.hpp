// A JSON value as it was sent, cut short, for "got ..." in error messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// `raw` (the text of one JSON value, already parsed, so valid UTF-8) on one line: tabs and
/// line breaks between tokens become spaces, and past `max_bytes` it is cut at a character
/// boundary and "..." is appended.
std::string value_excerpt(std::string_view raw, std::size_t max_bytes = 120);

}  // namespace jwtcheck::detail
