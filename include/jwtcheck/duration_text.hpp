// jwtcheck — the one way durations are written for people, in messages and in the CLI.
#pragma once

#include <jwtcheck/export.hpp>

#include <string>

namespace jwtcheck {

/// A length of time in words, its sign ignored: below 2 minutes the exact seconds ("37 s",
/// "37.5 s"), then rounded down: "5 min", "23 h 59 min" (below 2 days), "3 d". Every library
/// message and every line of the CLI writes durations this way; machine-readable output (the
/// CLI's --json) carries exact seconds instead. Never throws except std::bad_alloc; thread-safe.
JWTCHECK_API std::string duration_text(double seconds);

}  // namespace jwtcheck
