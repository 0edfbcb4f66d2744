// JWS carries ECDSA signatures as raw r||s (RFC 7518 §3.4); OpenSSL verifies DER. The
// conversion writes into a caller's stack buffer: no allocation on the hot path.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>

namespace jwtcheck::detail {

/// Large enough for P-521: SEQUENCE header (3) + 2 × INTEGER (2 + 1 pad + 66).
using EcdsaDerBuffer = std::array<unsigned char, 160>;

/// Encodes r||s (each half `raw.size() / 2` bytes, at most 66) as a DER ECDSA-Sig-Value.
/// Returns the DER length, or nullopt when the size is odd or too large, or r or s is zero.
std::optional<std::size_t> ecdsa_raw_to_der(std::span<const unsigned char> raw, EcdsaDerBuffer& out) noexcept;

}  // namespace jwtcheck::detail
