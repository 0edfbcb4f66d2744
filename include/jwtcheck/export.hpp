// jwtcheck — JWTCHECK_API marks the public API, the only symbols the shared libraries export.
#pragma once

// The libraries are built with -fvisibility=hidden (meson gnu_symbol_visibility: 'hidden'), so
// everything inside them, the jwtcheck::detail namespaces above all, stays out of their dynamic
// symbol tables. What a public header declares with JWTCHECK_API is exported; the same macro
// serves the libraries and their users (ELF has no import/export distinction).
#if defined(__GNUC__) || defined(__clang__)
#define JWTCHECK_API __attribute__((visibility("default")))
#else
#define JWTCHECK_API
#endif
