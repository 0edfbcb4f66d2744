#include "json/message_quote.hpp"

#include <cstdio>

namespace jwtcheck::detail {

namespace {

// Backs up to the start of a UTF-8 sequence so a cut never splits a character.
std::size_t utf8_boundary_at_or_before(std::string_view text, std::size_t pos) noexcept {
  while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xc0) == 0x80) --pos;
  return pos;
}

void append_escaped(std::string& out, char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: break;
  }
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", byte);
    out += buf;
  } else {
    out += c;
  }
}

}  // namespace

std::string quote_for_message(std::string_view text, std::size_t max_bytes) {
  const bool cut = text.size() > max_bytes;
  const std::string_view shown = cut ? text.substr(0, utf8_boundary_at_or_before(text, max_bytes)) : text;
  std::string out;
  out.reserve(shown.size() + 8);
  out += '"';
  for (char c : shown) append_escaped(out, c);
  out += '"';
  if (cut) out += "...";
  return out;
}

}  // namespace jwtcheck::detail
