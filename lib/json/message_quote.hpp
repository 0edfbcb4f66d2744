// Putting untrusted text into error messages safely: quoted, escaped, and cut short, so a token
// cannot inject control characters or megabytes into a log line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// `text` as a JSON string literal ("a\"b"), control characters escaped, cut to at most
/// `max_bytes` of content (on a UTF-8 boundary) with "..." after the closing quote when cut.
std::string quote_for_message(std::string_view text, std::size_t max_bytes = 80);

}  // namespace jwtcheck::detail
