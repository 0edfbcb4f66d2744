#include "base64url.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#define JWTCHECK_BASE64URL_X86 1
#include <immintrin.h>
#endif

namespace jwtcheck::detail {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xff;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
  std::array<std::uint8_t, 256> table{};
  for (auto& v : table) v = kInvalid;
  for (std::uint8_t i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
  return table;
}

constexpr auto kDecode = make_decode_table();

// The decode table pre-shifted for each of the 4 positions in a quad, so one quad is 4 loads
// and 3 ORs. Non-alphabet bytes carry bit 31, which no valid 24-bit group has.
constexpr std::uint32_t kInvalidBit = 0x80000000u;

constexpr std::array<std::uint32_t, 256> make_shifted_table(unsigned shift) {
  std::array<std::uint32_t, 256> table{};
  for (std::size_t c = 0; c < 256; ++c)
    table[c] = kDecode[c] == kInvalid ? kInvalidBit : std::uint32_t{kDecode[c]} << shift;
  return table;
}

constexpr auto kDecode18 = make_shifted_table(18);
constexpr auto kDecode12 = make_shifted_table(12);
constexpr auto kDecode6 = make_shifted_table(6);
constexpr auto kDecode0 = make_shifted_table(0);

// Writes the low 48 bits of `bits` as 6 big-endian bytes with one 8-byte store: dst must have
// 8 bytes of room; the 2 bytes past the 6 get zeros.
void store_big_endian_48(unsigned char* dst, std::uint64_t bits) noexcept {
  std::uint64_t word = bits << 16;
  if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
  std::memcpy(dst, &word, sizeof word);
}

#ifdef JWTCHECK_BASE64URL_X86
// Mula and Lemire's nibble-lookup decode, for the URL alphabet. Each table is one 16-byte
// shuffle operand; the AVX2 loop uses it in both 128-bit lanes.
//
// A byte is invalid iff kLoClasses[low nibble] & kHiClasses[high nibble] != 0. Each high nibble
// gets a bit; a low nibble carries the bits of the high nibbles it is invalid under: 0x01 never
// valid (0x0_, 0x1_, 0x8_..0xf_), 0x02 '-' only, 0x04 '0'-'9', 0x08 0x41-0x4f and 0x61-0x6f,
// 0x10 'P'-'Z' and '_', 0x20 'p'-'z'.
alignas(16) constexpr std::int8_t kLoClasses[16] = {0x0b, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03,
                                                    0x03, 0x03, 0x07, 0x37, 0x37, 0x35, 0x37, 0x27};
alignas(16) constexpr std::int8_t kHiClasses[16] = {0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x08, 0x20,
                                                    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01};
// What to add to a valid byte to get its value, by high nibble; '_' (0x5f) is the one byte
// whose offset differs from the rest of its high nibble ('A'-'Z': -65, '_': -32).
alignas(16) constexpr std::int8_t kOffsets[16] = {0, 0, 62 - '-', 52 - '0', -'A', -'A', 26 - 'a', 26 - 'a',
                                                  0, 0, 0,        0,        0,    0,    0,        0};
constexpr std::int8_t kUnderscoreFix = (63 - '_') - (0 - 'A');
constexpr int kMergePairs = 0x01400140;  // per 16 bits: first * 64 + second
constexpr int kMergeQuads = 0x00011000;  // per 32 bits: first * 4096 + second
// Each 32-bit lane holds a 24-bit group little-endian; output is its 3 bytes big-endian.
alignas(16) constexpr std::int8_t kPack[16] = {2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1};

// Decodes whole 16-char blocks into 12 bytes each while a 16-byte load stays inside the input
// and a 16-byte store inside the output. Stops before the first block holding a non-alphabet
// byte, so the scalar loops after it meet that byte and refuse it exactly as they would without
// this function. Returns the characters consumed (a multiple of 16; the bytes written are 3/4
// of that).
__attribute__((target("ssse3"))) std::size_t decode_blocks_ssse3(const unsigned char* src, std::size_t in_size,
                                                               unsigned char* dst, std::size_t out_size) noexcept {
  const auto table = [](const std::int8_t(&t)[16]) { return _mm_load_si128(reinterpret_cast<const __m128i*>(t)); };
  const __m128i lo_classes = table(kLoClasses), hi_classes = table(kHiClasses), offsets = table(kOffsets);
  const __m128i pack = table(kPack);
  const __m128i nibble = _mm_set1_epi8(0x0f);
  std::size_t i = 0;
  std::size_t o = 0;
  for (; i + 16 <= in_size && o + 16 <= out_size; i += 16, o += 12) {
    const __m128i chars = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i lo = _mm_and_si128(chars, nibble);
    const __m128i hi = _mm_and_si128(_mm_srli_epi32(chars, 4), nibble);
    const __m128i invalid = _mm_and_si128(_mm_shuffle_epi8(lo_classes, lo), _mm_shuffle_epi8(hi_classes, hi));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(invalid, _mm_setzero_si128())) != 0xffff) break;
    const __m128i underscore_fix =
        _mm_and_si128(_mm_cmpeq_epi8(chars, _mm_set1_epi8('_')), _mm_set1_epi8(kUnderscoreFix));
    const __m128i sextets = _mm_add_epi8(chars, _mm_add_epi8(_mm_shuffle_epi8(offsets, hi), underscore_fix));
    const __m128i groups =
        _mm_madd_epi16(_mm_maddubs_epi16(sextets, _mm_set1_epi32(kMergePairs)), _mm_set1_epi32(kMergeQuads));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + o), _mm_shuffle_epi8(groups, pack));
  }
  return i;
}

// A 16-byte table in both 128-bit lanes.
__attribute__((target("avx2"))) inline __m256i lane_table(const std::int8_t (&table)[16]) noexcept {
  return _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(table)));
}

// The same, 32 chars into 24 bytes per step (each 128-bit lane decodes 16 as above; one
// permute closes the 4-byte gap between the lanes' 12 bytes), while a 32-byte load stays inside
// the input and a 32-byte store inside the output. Same stop rule and return value.
__attribute__((target("avx2"))) std::size_t decode_blocks_avx2(const unsigned char* src, std::size_t in_size,
                                                             unsigned char* dst, std::size_t out_size) noexcept {
  const __m256i lo_classes = lane_table(kLoClasses), hi_classes = lane_table(kHiClasses);
  const __m256i offsets = lane_table(kOffsets), pack = lane_table(kPack);
  const __m256i join_lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  std::size_t i = 0;
  std::size_t o = 0;
  for (; i + 32 <= in_size && o + 32 <= out_size; i += 32, o += 24) {
    const __m256i chars = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i));
    const __m256i lo = _mm256_and_si256(chars, nibble);
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(chars, 4), nibble);
    const __m256i invalid =
        _mm256_and_si256(_mm256_shuffle_epi8(lo_classes, lo), _mm256_shuffle_epi8(hi_classes, hi));
    if (!_mm256_testz_si256(invalid, invalid)) break;
    const __m256i underscore_fix =
        _mm256_and_si256(_mm256_cmpeq_epi8(chars, _mm256_set1_epi8('_')), _mm256_set1_epi8(kUnderscoreFix));
    const __m256i sextets =
        _mm256_add_epi8(chars, _mm256_add_epi8(_mm256_shuffle_epi8(offsets, hi), underscore_fix));
    const __m256i groups = _mm256_madd_epi16(_mm256_maddubs_epi16(sextets, _mm256_set1_epi32(kMergePairs)),
                                             _mm256_set1_epi32(kMergeQuads));
    const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(groups, pack), join_lanes);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + o), packed);
  }
  return i;
}

#endif

// Chosen once, at first use.
Base64urlPath detect_widest_path() noexcept {
#ifdef JWTCHECK_BASE64URL_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return Base64urlPath::avx2;
  if (__builtin_cpu_supports("ssse3")) return Base64urlPath::ssse3;
#endif
  return Base64urlPath::scalar;
}

// `path` is one the CPU has. Returns the bytes written, or kNotBase64url.
std::size_t decode_from(Base64urlPath path, std::string_view in, std::span<unsigned char> out) noexcept {
  const auto size = base64url_decoded_size(in.size());
  if (!size || out.size() < *size) return kNotBase64url;
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  unsigned char* dst = out.data();
  std::size_t o = 0;
  std::size_t i = 0;
#ifdef JWTCHECK_BASE64URL_X86
  if (path != Base64urlPath::scalar) {
    if (path == Base64urlPath::avx2) i = decode_blocks_avx2(src, in.size(), dst, out.size());
    // At most one 16-char block follows the 32-char ones (or all of them, without AVX2).
    i += decode_blocks_ssse3(src + i, in.size() - i, dst + i / 4 * 3, out.size() - i / 4 * 3);
    o = i / 4 * 3;
  }
#endif
  // Two quads at a time while the output has room for one 8-byte store (its last 2 bytes are
  // overwritten by the next step or never counted).
  for (; i + 8 <= in.size() && o + 8 <= out.size(); i += 8, o += 6) {
    const std::uint32_t hi = kDecode18[src[i]] | kDecode12[src[i + 1]] | kDecode6[src[i + 2]] | kDecode0[src[i + 3]];
    const std::uint32_t lo =
        kDecode18[src[i + 4]] | kDecode12[src[i + 5]] | kDecode6[src[i + 6]] | kDecode0[src[i + 7]];
    if ((hi | lo) & kInvalidBit) return kNotBase64url;
    store_big_endian_48(dst + o, std::uint64_t{hi} << 24 | lo);
  }
  for (; i + 4 <= in.size(); i += 4, o += 3) {
    const std::uint32_t v = kDecode18[src[i]] | kDecode12[src[i + 1]] | kDecode6[src[i + 2]] | kDecode0[src[i + 3]];
    if (v & kInvalidBit) return kNotBase64url;
    dst[o] = static_cast<unsigned char>(v >> 16);
    dst[o + 1] = static_cast<unsigned char>(v >> 8);
    dst[o + 2] = static_cast<unsigned char>(v);
  }
  const std::size_t rest = in.size() - i;
  if (rest >= 2) {
    const std::uint8_t a = kDecode[src[i]], b = kDecode[src[i + 1]];
    const std::uint8_t c = rest == 3 ? kDecode[src[i + 2]] : 0;
    if ((a | b | c) & 0xc0) return kNotBase64url;
    out[o++] = static_cast<unsigned char>(a << 2 | b >> 4);
    if (rest == 2) {
      if (b & 0x0f) return kNotBase64url;  // non-canonical: unused bits set
    } else {
      out[o++] = static_cast<unsigned char>((b & 0x0f) << 4 | c >> 2);
      if (c & 0x03) return kNotBase64url;
    }
  }
  return o;
}

}  // namespace

Base64urlPath base64url_widest_path() noexcept {
  static const Base64urlPath widest = detect_widest_path();
  return widest;
}

std::size_t base64url_decode_into(std::string_view in, std::span<unsigned char> out) noexcept {
  return decode_from(base64url_widest_path(), in, out);
}

std::optional<std::size_t> base64url_decode_by(Base64urlPath path, std::string_view in,
                                               std::span<unsigned char> out) noexcept {
  const std::size_t written = decode_from(std::min(path, base64url_widest_path()), in, out);
  if (written == kNotBase64url) return std::nullopt;
  return written;
}

std::optional<std::string> base64url_decode(std::string_view in) {
  const auto size = base64url_decoded_size(in.size());
  if (!size) return std::nullopt;
  std::string out(*size, '\0');
  auto written = base64url_decode(in, std::span(reinterpret_cast<unsigned char*>(out.data()), out.size()));
  if (!written) return std::nullopt;
  return out;
}

std::string base64url_encode(std::span<const unsigned char> in) {
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const std::uint32_t v = std::uint32_t{in[i]} << 16 | std::uint32_t{in[i + 1]} << 8 | in[i + 2];
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (in.size() - i == 1) {
    const std::uint32_t v = std::uint32_t{in[i]} << 16;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
  } else if (in.size() - i == 2) {
    const std::uint32_t v = std::uint32_t{in[i]} << 16 | std::uint32_t{in[i + 1]} << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
  }
  return out;
}

std::string base64url_encode(std::string_view in) {
  return base64url_encode(std::span(reinterpret_cast<const unsigned char*>(in.data()), in.size()));
}

}  // namespace jwtcheck::detail
