#include "cli_failure.hpp"

#include "json_output.hpp"
#include "terminal_text.hpp"

#include <cstdio>

namespace jwtcheck::cli {

namespace {

constexpr std::size_t kept_token_chars = 10;

bool is_token_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.';
}

// A JOSE header's "eyJ" start, a JWS shape (three parts, the middle one 8+ characters: a host name
// such as dev-1234abcd.auth0.com has a short one), or a run long enough to be an opaque token.
bool looks_like_token(std::string_view word) noexcept {
  if (word.size() < 20) return false;
  if (word.starts_with("eyJ") || word.size() >= 40) return true;
  const std::size_t first = word.find('.');
  const std::size_t second = first == std::string_view::npos ? first : word.find('.', first + 1);
  if (second == std::string_view::npos || word.find('.', second + 1) != std::string_view::npos) return false;
  return second - first - 1 >= 8;
}

}  // namespace

std::string shorten_tokens(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_token_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_token_char(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    if (looks_like_token(word)) {
      out.append(word.substr(0, kept_token_chars));
      out.append("…");
    } else {
      out.append(word);
    }
    i = end;
  }
  return out;
}

std::string hint_for(const Error& error) {
  switch (error.code) {
    case ErrorCode::tls_failed:
      return "if the server's certificate comes from a private CA, pass it with --cacert FILE";
    case ErrorCode::dns_failed:
    case ErrorCode::connect_failed:
      return "check the tenant domain (--tenant) and that the server is up";
    case ErrorCode::timeout:
      return "the server is slow or unreachable: check the address, or allow more with --timeout SECONDS";
    case ErrorCode::oauth_error:
      // Auth0 answers a wrong client id or secret with 401, an unknown audience with 403.
      if (error.message.find("HTTP 401") != std::string::npos) {
        return "check the client id (--client-id) and its credentials: the secret (JWTCHECK_CLIENT_SECRET or "
               "--client-secret-file), --private-key-file, or --client-cert with --client-key";
      }
      if (error.message.find("HTTP 403") != std::string::npos) {
        return "check the audience (--audience): it must be an API this client has a grant for";
      }
      return {};
    case ErrorCode::keys_unavailable:
      return "the token could not be checked: no key for it could be obtained";
    default:
      return {};
  }
}

int print_failure(const CliFailure& failure, bool json) {
  const std::string message = shorten_tokens(failure.message);
  const std::string prefix = failure.command.empty() ? "jwtcheck" : "jwtcheck " + failure.command;
  std::fprintf(stderr, "%s: error: %s (%s)\n", prefix.c_str(), terminal_safe(message).c_str(), failure.code.c_str());
  if (!failure.hint.empty()) std::fprintf(stderr, "  hint: %s\n", failure.hint.c_str());
  if (json) {
    JsonDocument doc;
    JsonWriter& out = doc.writer();
    out.StartObject();
    write_string(out, "valid");
    out.Bool(false);
    write_string(out, "error");
    out.StartObject();
    write_member(out, "code", failure.code);
    write_member(out, "message", message);
    if (!failure.hint.empty()) write_member(out, "hint", failure.hint);
    write_string(out, "exit_code");
    out.Int(failure.exit_code);
    out.EndObject();
    write_string(out, "errors");
    out.StartArray();
    out.StartObject();
    write_member(out, "code", failure.code);
    write_member(out, "message", message);
    out.EndObject();
    out.EndArray();
    out.EndObject();
    doc.print();
  }
  return failure.exit_code;
}

}  // namespace jwtcheck::cli
