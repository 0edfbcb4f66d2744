#include "fetch/printable_text.hpp"

#include <algorithm>

namespace jwtcheck::detail {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i]; 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
  if (lead == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (lead == 0xED && byte(i + 1) > 0x9F) return 0;
  if (lead == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (lead == 0xF4 && byte(i + 1) > 0x8F) return 0;
  return length;
}

bool is_c1_control(std::string_view sequence) {
  return sequence.size() == 2 && static_cast<unsigned char>(sequence[0]) == 0xC2 &&
         static_cast<unsigned char>(sequence[1]) <= 0x9F;
}

}  // namespace

std::string printable_excerpt(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 3);
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::string_view piece;
    std::size_t advance = 1;
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) { ++i; continue; }
      piece = text.substr(i, 1);
    } else if (std::size_t length = utf8_sequence_length(text, i); length != 0) {
      advance = length;
      if (is_c1_control(text.substr(i, length))) { i += advance; continue; }
      piece = text.substr(i, length);
    } else {
      piece = "?";
    }
    if (out.size() + piece.size() > max_bytes) {
      out += "...";
      return out;
    }
    out += piece;
    i += advance;
  }
  return out;
}

std::string redact(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.empty()) return out;
  constexpr std::string_view marker = "[redacted]";
  for (std::size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + marker.size())) {
    out.replace(at, secret.size(), marker);
  }
  return out;
}

}  // namespace jwtcheck::detail
