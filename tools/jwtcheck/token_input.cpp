#include "token_input.hpp"

#include <algorithm>
#include <cctype>
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

namespace {

bool is_compact_jws(std::string_view word) noexcept { return std::count(word.begin(), word.end(), '.') == 2; }

bool starts_with_bearer(std::string_view text) noexcept {
  constexpr std::string_view bearer = "bearer";
  if (text.size() <= bearer.size() || !is_space(text[bearer.size()])) return false;
  for (std::size_t i = 0; i < bearer.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != bearer[i]) return false;
  }
  return true;
}

// "Authorization:" (any case), as when a whole header line is pasted.
constexpr std::string_view authorization_header = "authorization:";

bool starts_with_header_name(std::string_view text) noexcept {
  if (text.size() < authorization_header.size()) return false;
  for (std::size_t i = 0; i < authorization_header.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != authorization_header[i]) return false;
  }
  return true;
}

// `text` without one pair of matching quotes ('…' or "…") around it, else `text` itself.
std::string_view strip_quotes(std::string_view text) noexcept {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

std::size_t dots_in(std::string_view word) noexcept {
  return static_cast<std::size_t>(std::count(word.begin(), word.end(), '.'));
}

// How many tokens the whitespace-separated pieces hold once joined: a new token starts at a piece
// that begins with "eyJ" (base64url of `{"`, how every JOSE header starts) when the pieces so far
// already hold a token's two dots and the pieces from there on hold two more. Two tokens wrapped
// over lines are then told as two tokens, not as one malformed one.
std::size_t count_wrapped_tokens(const std::vector<std::string_view>& words) {
  std::vector<std::size_t> dots_from(words.size() + 1, 0);  // dots in words[i..]
  for (std::size_t i = words.size(); i-- > 0;) dots_from[i] = dots_from[i + 1] + dots_in(words[i]);
  std::size_t tokens = 1;
  std::size_t dots_in_current = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && dots_in_current >= 2 && words[i].starts_with("eyJ") && dots_from[i] >= 2) {
      ++tokens;
      dots_in_current = 0;
    }
    dots_in_current += dots_in(words[i]);
  }
  return tokens;
}

std::vector<std::string_view> split_on_spaces(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end;
  }
  return words;
}

}  // namespace

Result<std::string> clean_token(std::string_view text, std::vector<std::string>& notes) {
  text = trim_ends(text);
  if (starts_with_header_name(text)) {
    text = trim_ends(text.substr(authorization_header.size()));
    notes.push_back("removed \"Authorization:\": the header's value is what follows it");
  }
  // Quotes may be around the header's value ("Bearer eyJ…") or around the token (Bearer "eyJ…").
  bool unquoted = false;
  const auto remove_quotes = [&] {
    if (const std::string_view inner = strip_quotes(text); !unquoted && inner.size() != text.size()) {
      text = trim_ends(inner);
      unquoted = true;
      notes.push_back("removed the quotes around the token");
    }
  };
  remove_quotes();
  if (starts_with_bearer(text)) {
    text = trim_ends(text.substr(6));
    notes.push_back("removed the leading \"Bearer \": the token is what follows it");
  }
  remove_quotes();
  const std::vector<std::string_view> words = split_on_spaces(text);
  if (words.empty()) return Error{ErrorCode::malformed_token, "the token is empty"};
  const auto whole_tokens = std::count_if(words.begin(), words.end(), is_compact_jws);
  const std::size_t tokens = std::max<std::size_t>(static_cast<std::size_t>(whole_tokens), count_wrapped_tokens(words));
  if (tokens > 1) {
    return Error{ErrorCode::malformed_token,
                 std::to_string(tokens) + " tokens given, separated by whitespace: pass one token at a time"};
  }
  std::string token;
  for (std::string_view word : words) token.append(word);
  if (words.size() > 1) {
    notes.push_back("removed the whitespace and line breaks inside the token (" + std::to_string(words.size()) +
                    " pieces joined)");
  }
  return token;
}

std::string token_arguments_problem(const std::vector<std::string>& arguments) {
  if (arguments.size() > 1) {
    return std::to_string(arguments.size()) + " tokens given as arguments: pass one token at a time";
  }
  if (!arguments.empty() && trim_ends(arguments.front()).empty()) {
    return "the token argument is empty (an unset variable?): pass the token, or - to read standard input";
  }
  return {};
}

Result<std::string> read_token(const std::vector<std::string>& arguments) {
  if (std::string problem = token_arguments_problem(arguments); !problem.empty()) {
    return Error{ErrorCode::invalid_policy, std::move(problem)};
  }
  std::string raw;
  if (arguments.empty() || arguments.front() == "-") {
    auto text = read_stdin();
    if (!text) return std::move(text).error();
    raw = std::move(*text);
  } else {
    raw = arguments.front();
  }
  std::vector<std::string> notes;
  auto token = clean_token(raw, notes);
  for (const std::string& note : notes) std::fprintf(stderr, "jwtcheck: note: %s\n", note.c_str());
  return token;
}

}  // namespace jwtcheck::cli
