#include "ecdsa_raw_to_der.hpp"

namespace bench {
namespace {

// One DER INTEGER of an unsigned big-endian value: minimal length, a 0x00 prefix when the top bit is set.
std::size_t write_integer(std::span<const unsigned char> value, unsigned char* out) noexcept {
  std::size_t skip = 0;
  while (skip + 1 < value.size() && value[skip] == 0) ++skip;
  const auto body = value.subspan(skip);
  const bool pad = (body[0] & 0x80) != 0;
  std::size_t n = 0;
  out[n++] = 0x02;
  out[n++] = static_cast<unsigned char>(body.size() + (pad ? 1 : 0));
  if (pad) out[n++] = 0x00;
  for (unsigned char b : body) out[n++] = b;
  return n;
}

}  // namespace

std::size_t ecdsa_raw_to_der(std::span<const unsigned char> raw, std::span<unsigned char, max_ecdsa_der_bytes> out) noexcept {
  if (raw.empty() || raw.size() % 2 != 0 || raw.size() > 2 * 66) return 0;
  const std::size_t half = raw.size() / 2;
  unsigned char body[max_ecdsa_der_bytes];
  std::size_t body_len = write_integer(raw.first(half), body);
  body_len += write_integer(raw.subspan(half), body + body_len);
  std::size_t n = 0;
  out[n++] = 0x30;
  if (body_len > 127) out[n++] = 0x81;  // long form: P-521 signatures exceed 127 bytes
  out[n++] = static_cast<unsigned char>(body_len);
  for (std::size_t i = 0; i < body_len; ++i) out[n++] = body[i];
  return n;
}

}  // namespace bench
