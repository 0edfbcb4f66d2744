// A fast reader for the plain JSON that token headers and claims are made of: an object root,
// strings of printable ASCII with no escapes, integers of up to 15 digits, true/false/null,
// nested objects and arrays. Anything else (an escape, a non-ASCII byte, a fraction or an
// exponent, a long number, a syntax error) makes it decline, and the caller runs RapidJSON's
// full reader on the same, untouched text: the plain reader only ever accepts, never refuses,
// so every verdict and every message about unusual input stays RapidJSON's.
//
// Within its subset it calls the same SAX handler methods as rapidjson::Reader, in the same
// order (containers' member and element counts are passed as 0; every number is an Int64), so
// one handler serves both readers. tests/fuzz/fuzz_json.cpp checks that whatever it accepts,
// RapidJSON accepts with the same events.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jwtcheck::detail {

namespace plain_json_impl {

// JSON's four whitespace bytes. Most bytes tested are not: one comparison rules them out.
inline bool is_space(char c) noexcept {
  constexpr std::uint64_t kSpaces = 1ull << ' ' | 1ull << '\n' | 1ull << '\r' | 1ull << '\t';
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' && (kSpaces >> byte & 1);
}

inline const char* skip_space(const char* p) noexcept {
  while (is_space(*p)) ++p;
  return p;
}

// Reads a plain string whose opening quote is at p[-1]: its closing quote, or null when a byte
// before it cannot stand in a plain string as is ('\\', a control byte, NUL included, or a byte
// >= 0x80). Reads 16 (SSE2) or 8 bytes at a time, so the text must be followed by NUL padding
// (kScanPadding bytes): a NUL stops the scan inside the block that holds it. The answer comes
// from the masks, with no second load of the byte found.
// kept: A/B = 1.09 (median of 9 pairs, 1.04-1.15, 2026-12-06; HS256 verify, 1 key, CPU time)
// against a byte-at-a-time loop.
inline const char* plain_string_end(const char* p) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  for (;; p += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, quote)));
    // Signed: bytes >= 0x80 are negative, so one comparison finds them and the control bytes.
    const auto others = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, backslash), _mm_cmplt_epi8(block, space))));
    if (const unsigned special = quotes | others) {
      const unsigned first = special & (0u - special);
      return quotes & first ? p + std::countr_zero(first) : nullptr;
    }
  }
#else
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  for (;; p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    // Each mask flags its bytes exactly up to its first hit (a borrow only ever marks bytes
    // above a true hit), so the lowest flagged byte of either is a true hit of that one.
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t quotes = (quote - kOnes) & ~quote & kHigh;
    const std::uint64_t others =
        (((backslash - kOnes) & ~backslash) | ((word - kOnes * 0x20) & ~word) | word) & kHigh;
    if (const std::uint64_t special = quotes | others) {
      const std::uint64_t first = special & (0 - special);
      return quotes & first ? p + std::countr_zero(first) / 8 : nullptr;
    }
  }
#endif
}

// Reads an integer of at most 15 digits (exact as a double) at p: past its end, or null when
// the number is not one (a fraction, an exponent, more digits, a leading zero, no digit).
inline const char* plain_integer(const char* p, std::int64_t& value) noexcept {
  const bool minus = *p == '-';
  if (minus) ++p;
  std::uint64_t magnitude = 0;  // unsigned: a long run of digits wraps harmlessly before it is refused
  if (*p == '0') {
    ++p;
  } else {
    const char* first = p;
    while (*p >= '0' && *p <= '9') magnitude = magnitude * 10 + static_cast<unsigned>(*p++ - '0');
    if (p == first || p - first > 15) return nullptr;
  }
  if (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')) return nullptr;
  value = minus ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return p;
}

}  // namespace plain_json_impl

/// Reads text[0..size) (followed by at least 16 NUL bytes, which it may read but never writes)
/// and calls `handler` for each value. True when the text is a plain JSON object and the
/// handler accepted every event; false when it declined or the handler stopped, after any
/// number of events: the caller then starts over with a fresh handler and the full reader.
/// Nesting deeper than 64 also declines (the handler enforces the real limit).
template <class Handler>
bool read_plain_json(const char* text, std::size_t size, Handler& handler) {
  using namespace plain_json_impl;
  constexpr unsigned kMaxNesting = 64;
  const char* const end = text + size;
  const char* p = skip_space(text);
  if (*p != '{') return false;
  std::uint64_t objects = 0;  // bit d set: the container open at nesting d (from 0) is an object
  unsigned depth = 0;

value:  // p is at the first byte of a value
  switch (*p) {
    case '{':
      if (depth == kMaxNesting || !handler.StartObject()) return false;
      objects |= std::uint64_t{1} << depth++;
      p = skip_space(p + 1);
      if (*p == '}') {
        ++p;
        if (!handler.EndObject(0)) return false;
        --depth;
        goto after_value;
      }
      goto member_name;
    case '[':
      if (depth == kMaxNesting || !handler.StartArray()) return false;
      objects &= ~(std::uint64_t{1} << depth++);
      p = skip_space(p + 1);
      if (*p == ']') {
        ++p;
        if (!handler.EndArray(0)) return false;
        --depth;
        goto after_value;
      }
      goto value;
    case '"': {
      const char* close = plain_string_end(p + 1);
      if (!close || !handler.String(p + 1, static_cast<unsigned>(close - p - 1), false)) return false;
      p = close + 1;
      goto after_value;
    }
    case 't':
      if (std::memcmp(p, "true", 4) != 0 || !handler.Bool(true)) return false;
      p += 4;
      goto after_value;
    case 'f':
      if (std::memcmp(p, "false", 5) != 0 || !handler.Bool(false)) return false;
      p += 5;
      goto after_value;
    case 'n':
      if (std::memcmp(p, "null", 4) != 0 || !handler.Null()) return false;
      p += 4;
      goto after_value;
    default: {
      std::int64_t number = 0;
      const char* past = plain_integer(p, number);
      if (!past || !handler.Int64(number)) return false;
      p = past;
      goto after_value;
    }
  }

member_name:  // p is where a member's name must open
  {
    if (*p != '"') return false;
    const char* close = plain_string_end(p + 1);
    if (!close || !handler.Key(p + 1, static_cast<unsigned>(close - p - 1), false)) return false;
    p = skip_space(close + 1);
    if (*p != ':') return false;
    p = skip_space(p + 1);
    goto value;
  }

after_value:  // a value has ended at p, inside the container open at depth - 1 (or the root ended)
  p = skip_space(p);
  if (depth == 0) return p == end;
  {
    const bool in_object = (objects >> (depth - 1)) & 1;
    if (*p == ',') {
      p = skip_space(p + 1);
      if (in_object) goto member_name;
      goto value;
    }
    if (*p != (in_object ? '}' : ']')) return false;
    ++p;
    if (!(in_object ? handler.EndObject(0) : handler.EndArray(0))) return false;
    --depth;
    goto after_value;
  }
}

}  // namespace jwtcheck::detail
