#include "json/value_excerpt.hpp"

namespace jwtcheck::detail {

std::string value_excerpt(std::string_view raw, std::size_t max_bytes) {
  std::size_t cut = raw.size();
  if (cut > max_bytes) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xc0) == 0x80) --cut;  // keep UTF-8 whole
  }
  std::string text(raw.substr(0, cut));
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // JSON allows these raw only between tokens
  if (cut < raw.size()) text += "...";
  return text;
}

}  // namespace jwtcheck::detail
