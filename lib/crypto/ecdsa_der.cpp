#include "crypto/ecdsa_der.hpp"

namespace jwtcheck::detail {

namespace {

constexpr std::size_t kMaxHalf = 66;  // P-521

// Writes one DER INTEGER for an unsigned big-endian value; returns its encoded size, 0 if zero.
std::size_t write_der_integer(std::span<const unsigned char> value, unsigned char* out) noexcept {
  std::size_t skip = 0;
  while (skip < value.size() && value[skip] == 0) ++skip;
  if (skip == value.size()) return 0;  // r or s == 0 never verifies ("psychic signatures")
  const auto digits = value.subspan(skip);
  const bool pad = (digits[0] & 0x80) != 0;  // keep the INTEGER positive
  const std::size_t len = digits.size() + (pad ? 1 : 0);
  std::size_t o = 0;
  out[o++] = 0x02;
  out[o++] = static_cast<unsigned char>(len);  // <= 67: short form
  if (pad) out[o++] = 0x00;
  for (unsigned char b : digits) out[o++] = b;
  return o;
}

}  // namespace

std::optional<std::size_t> ecdsa_raw_to_der(std::span<const unsigned char> raw, EcdsaDerBuffer& out) noexcept {
  if (raw.empty() || raw.size() % 2 != 0 || raw.size() / 2 > kMaxHalf) return std::nullopt;
  const std::size_t half = raw.size() / 2;
  std::array<unsigned char, 2 * (3 + kMaxHalf)> body{};
  const std::size_t r_len = write_der_integer(raw.first(half), body.data());
  if (r_len == 0) return std::nullopt;
  const std::size_t s_len = write_der_integer(raw.last(half), body.data() + r_len);
  if (s_len == 0) return std::nullopt;
  const std::size_t body_len = r_len + s_len;
  std::size_t o = 0;
  out[o++] = 0x30;
  if (body_len >= 0x80) out[o++] = 0x81;  // body_len <= 138: one length octet suffices
  out[o++] = static_cast<unsigned char>(body_len);
  for (std::size_t i = 0; i < body_len; ++i) out[o++] = body[i];
  return o;
}

}  // namespace jwtcheck::detail
