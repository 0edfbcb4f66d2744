// JWS carries ECDSA signatures as raw r||s (RFC 7518 §3.4); OpenSSL's EVP verifies the DER
// ECDSA-Sig-Value. OpenSSL's own ECDSA_SIG does the conversion.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace jwtcheck::detail {

/// r||s (two halves of equal size) as DER; empty when the size is odd or OpenSSL refuses.
std::vector<unsigned char> ecdsa_raw_to_der(std::span<const unsigned char> raw);

}  // namespace jwtcheck::detail
