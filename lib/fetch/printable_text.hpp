// Turning text a server sent (error descriptions, body excerpts) into something safe to put in
// an error message: no control characters, bounded length, no echo of a secret.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// At most `max_bytes` of `text` (then "..."), without C0/C1 control characters or DEL
/// (dropped), invalid UTF-8 bytes replaced by '?', never cutting a UTF-8 sequence in half.
std::string printable_excerpt(std::string_view text, std::size_t max_bytes = 200);

/// `text` with every occurrence of `secret` replaced by "[redacted]"; unchanged when secret is empty.
std::string redact(std::string_view text, std::string_view secret);

}  // namespace jwtcheck::detail
