#include "token_input.hpp"

#include <cstdio>
#include <unistd.h>

namespace jwtcheck::cli {

namespace {

// Far above any token the library accepts (Limits::max_token_bytes) but bounded: a token
// piped from a runaway producer must not exhaust memory.
constexpr std::size_t max_stdin_bytes = 1024 * 1024;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

Result<std::string> read_stdin() {
  if (isatty(STDIN_FILENO) == 1) {
    return Error{ErrorCode::malformed_token, "no token given: pass it as an argument or pipe it to standard input"};
  }
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    text.append(buffer, n);
    if (text.size() > max_stdin_bytes) {
      return Error{ErrorCode::token_too_large,
                   "standard input holds more than " + std::to_string(max_stdin_bytes) + " bytes"};
    }
  }
  if (std::ferror(stdin)) return Error{ErrorCode::io_error, "could not read the token from standard input"};
  return text;
}

}  // namespace

std::string_view trim_ends(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

Result<std::string> read_token(const std::string& argument) {
  std::string raw;
  if (argument.empty() || argument == "-") {
    auto text = read_stdin();
    if (!text) return std::move(text).error();
    raw = std::move(*text);
  } else {
    raw = argument;
  }
  std::string token(trim_ends(raw));
  if (token.empty()) return Error{ErrorCode::malformed_token, "the token is empty"};
  return token;
}

}  // namespace jwtcheck::cli
