// jwtcheck CLI — where the token to inspect or verify comes from: an argument or standard input.
#pragma once

#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::cli {

/// Removes ASCII whitespace (spaces, tabs, CR, LF) at both ends only: `echo $TOKEN |` and
/// files saved with CRLF work, while whitespace inside the token stays and is refused later.
std::string_view trim_ends(std::string_view text) noexcept;

/// The token from `argument`, or from standard input when it is "-" or empty.
/// Errors: malformed_token (nothing given), io_error (stdin unreadable), token_too_large.
Result<std::string> read_token(const std::string& argument);

}  // namespace jwtcheck::cli
