// jwtcheck CLI — colour for people on a terminal, plain text for everyone else.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace jwtcheck::cli {

/// Wraps text in ANSI colours when enabled; otherwise returns it unchanged.
class TerminalStyle {
 public:
  /// Colour only when `stream` is a terminal and NO_COLOR is unset or empty (https://no-color.org).
  static TerminalStyle for_stream(std::FILE* stream);
  explicit TerminalStyle(bool colour) : colour_(colour) {}

  bool colour() const noexcept { return colour_; }
  std::string good(std::string_view text) const { return wrap("\033[32m", text); }
  std::string bad(std::string_view text) const { return wrap("\033[31m", text); }
  std::string warn(std::string_view text) const { return wrap("\033[33m", text); }
  std::string bold(std::string_view text) const { return wrap("\033[1m", text); }
  std::string dim(std::string_view text) const { return wrap("\033[2m", text); }
  /// "✓" in green or "✗" in red.
  std::string mark(bool passed) const { return passed ? good("✓") : bad("✗"); }

 private:
  std::string wrap(std::string_view code, std::string_view text) const;
  bool colour_ = false;
};

}  // namespace jwtcheck::cli
