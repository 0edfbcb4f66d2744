// jwtcheck CLI — where the token to inspect or verify comes from: an argument or standard input.
#pragma once

#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::cli {

/// Removes ASCII whitespace (spaces, tabs, CR, LF) at both ends: `echo $TOKEN |` and files saved
/// with CRLF work.
std::string_view trim_ends(std::string_view text) noexcept;

/// The one token in `text`, forgiving what copy and paste adds, each fix told in `notes`: a leading
/// "Bearer " (an Authorization header's value) and whitespace or line breaks inside (a token wrapped
/// over lines) are removed. Removing them cannot make a token pass: the signature still decides.
/// Errors: malformed_token when it is empty or holds several tokens.
Result<std::string> clean_token(std::string_view text, std::vector<std::string>& notes);

/// The token from `arguments` (at most one), or from standard input when there is none or it is
/// "-"; cleaned by clean_token, its notes printed on stderr. Errors: usage_error-worthy ones are
/// invalid_policy (several arguments); malformed_token, io_error (stdin unreadable), token_too_large.
Result<std::string> read_token(const std::vector<std::string>& arguments);

}  // namespace jwtcheck::cli
