// jwtcheck CLI — text from a token (claim names and values, kid, typ, scopes) made safe to print on
// a terminal. Such text is the sender's: raw, an ESC sequence could clear the screen, set the
// window title or recolour the report, and a CR or newline could forge a line such as
// "✓ VALID". Every control character is written as a visible \uXXXX escape instead.
#pragma once

#include <string>
#include <string_view>

namespace jwtcheck::cli {

/// `text` with C0 controls (newline, CR, ESC, BEL, …), DEL, C1 controls (U+0080–U+009F) and the
/// Unicode bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) replaced by "\uXXXX".
/// Everything else, other UTF-8 included, is kept as is.
std::string terminal_safe(std::string_view text);

}  // namespace jwtcheck::cli
