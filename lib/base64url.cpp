#include "base64url.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>


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

}  // namespace

std::optional<std::size_t> base64url_decode(std::string_view in, std::span<unsigned char> out) noexcept {
  const auto size = base64url_decoded_size(in.size());
  if (!size || out.size() < *size) return std::nullopt;
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  unsigned char* dst = out.data();
  std::size_t o = 0;
  std::size_t i = 0;
  // Two quads at a time while the output has room for one 8-byte store (its last 2 bytes are
  // overwritten by the next step or never counted).
  for (; i + 8 <= in.size() && o + 8 <= out.size(); i += 8, o += 6) {
    const std::uint32_t hi = kDecode18[src[i]] | kDecode12[src[i + 1]] | kDecode6[src[i + 2]] | kDecode0[src[i + 3]];
    const std::uint32_t lo =
        kDecode18[src[i + 4]] | kDecode12[src[i + 5]] | kDecode6[src[i + 6]] | kDecode0[src[i + 7]];
    if ((hi | lo) & kInvalidBit) return std::nullopt;
    store_big_endian_48(dst + o, std::uint64_t{hi} << 24 | lo);
  }
  for (; i + 4 <= in.size(); i += 4, o += 3) {
    const std::uint32_t v = kDecode18[src[i]] | kDecode12[src[i + 1]] | kDecode6[src[i + 2]] | kDecode0[src[i + 3]];
    if (v & kInvalidBit) return std::nullopt;
    dst[o] = static_cast<unsigned char>(v >> 16);
    dst[o + 1] = static_cast<unsigned char>(v >> 8);
    dst[o + 2] = static_cast<unsigned char>(v);
  }
  const std::size_t rest = in.size() - i;
  if (rest >= 2) {
    const std::uint8_t a = kDecode[src[i]], b = kDecode[src[i + 1]];
    const std::uint8_t c = rest == 3 ? kDecode[src[i + 2]] : 0;
    if ((a | b | c) & 0xc0) return std::nullopt;
    out[o++] = static_cast<unsigned char>(a << 2 | b >> 4);
    if (rest == 2) {
      if (b & 0x0f) return std::nullopt;  // non-canonical: unused bits set
    } else {
      out[o++] = static_cast<unsigned char>((b & 0x0f) << 4 | c >> 2);
      if (c & 0x03) return std::nullopt;
    }
  }
  return o;
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
