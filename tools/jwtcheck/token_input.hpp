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

/// What is wrong with the token arguments as a command line, or empty when nothing is: several
/// arguments (several tokens), or an empty one (`"$TOKEN"` with TOKEN unset), which must not quietly
/// read standard input instead. Commands report it as a usage error (exit 2).
std::string token_arguments_problem(const std::vector<std::string>& arguments);

/// The token from `arguments` (at most one), or from standard input when there is none or it is
/// "-"; cleaned by clean_token, its notes printed on stderr. Errors: invalid_policy when
/// token_arguments_problem has one (callers check that first); malformed_token, io_error (stdin
/// unreadable), token_too_large.
Result<std::string> read_token(const std::vector<std::string>& arguments);

}  // namespace jwtcheck::cli
