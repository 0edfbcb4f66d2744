#include "terminal_text.hpp"

#include <cstdio>

namespace jwtcheck::cli {

namespace {

void append_escape(std::string& out, unsigned code_point) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\u%04x", code_point);
  out += buffer;
}

bool is_bidi_control(unsigned code_point) noexcept {
  return (code_point >= 0x202A && code_point <= 0x202E) || (code_point >= 0x2066 && code_point <= 0x2069);
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) {
      append_escape(out, byte);
      continue;
    }
    // C1 controls are two bytes in UTF-8: C2 80 … C2 9F.
    if (byte == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) {
        append_escape(out, next);
        ++i;
        continue;
      }
    }
    // The bidi controls are three bytes: E2 80 AA … E2 80 AE, E2 81 A6 … E2 81 A9.
    if (byte == 0xE2 && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      const unsigned code_point = 0x2000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if ((b1 == 0x80 || b1 == 0x81) && (b2 & 0xC0) == 0x80 && is_bidi_control(code_point)) {
        append_escape(out, code_point);
        i += 2;
        continue;
      }
    }
    out += static_cast<char>(byte);
  }
  return out;
}

}  // namespace jwtcheck::cli
