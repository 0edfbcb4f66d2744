#include "terminal_style.hpp"

#include <cstdlib>
#include <unistd.h>

namespace jwtcheck::cli {

TerminalStyle TerminalStyle::for_stream(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return TerminalStyle(false);
  return TerminalStyle(isatty(fileno(stream)) == 1);
}

std::string TerminalStyle::wrap(std::string_view code, std::string_view text) const {
  if (!colour_) return std::string(text);
  std::string out;
  out.reserve(code.size() + text.size() + 4);
  out.append(code).append(text).append("\033[0m");
  return out;
}

}  // namespace jwtcheck::cli
