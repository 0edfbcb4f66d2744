// jwtcheck CLI — the one way every failure is told: option-parsing errors, unusable flags, keys or
// tokens that could not be obtained. One line (plus one targeted hint) on stderr; with --json also
// one JSON document on stdout with a stable error.code.
#pragma once

#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::cli {

/// A failure before or instead of a report.
struct CliFailure {
  std::string command;  ///< "verify", or empty for the top level
  std::string code;     ///< stable: an ErrorCode name, or "usage_error" for the command line itself
  std::string message;  ///< one line; tokens in it are shortened by print_failure
  std::string hint;     ///< one targeted suggestion, or empty
  int exit_code = 2;
};

/// Prints `failure`: "jwtcheck COMMAND: error: MESSAGE" and "  hint: HINT" on stderr, and with `json`
/// {"valid": false, "error": {"code", "message", "hint", "exit_code"}, "errors": [{"code", "message"}]}
/// on stdout. Returns failure.exit_code.
int print_failure(const CliFailure& failure, bool json);

/// The hint for a library error, from its code (and, for token-endpoint answers, its HTTP status).
std::string hint_for(const Error& error);

/// `text` with every token-like word (a compact JWS, or a long base64url run) cut to its first 10
/// characters and "…": nothing jwtcheck prints about its input repeats a whole token.
std::string shorten_tokens(std::string_view text);

}  // namespace jwtcheck::cli
