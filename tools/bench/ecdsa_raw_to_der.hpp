// JWS carries ECDSA signatures as raw r||s (RFC 7518 §3.4); OpenSSL wants DER. The floors convert
// into a caller buffer so that the conversion adds no allocation to the measured path.
#pragma once

#include <cstddef>
#include <span>

namespace bench {

/// Largest DER encoding of an r||s signature for curves up to P-521.
inline constexpr std::size_t max_ecdsa_der_bytes = 2 * (2 + 1 + 66) + 3;

/// Writes the DER ECDSA-Sig-Value of raw r||s into `out`; returns its length, 0 if `raw` has an odd
/// length or is too long.
std::size_t ecdsa_raw_to_der(std::span<const unsigned char> raw, std::span<unsigned char, max_ecdsa_der_bytes> out) noexcept;

}  // namespace bench
