// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with the parameters JWS fixes (RFC 7518 §3.5): MGF1 with
// the signature's own SHA-2 and a salt exactly as long as the hash. Hashing runs on stack
// contexts (crypto/sha2), so a check allocates nothing.
#pragma once

#include <jwtcheck/alg.hpp>

#include <cstddef>
#include <span>

namespace jwtcheck::detail {

/// True when `block`, the k-byte result of the RSA public operation on a modulus of
/// `modulus_bits` bits, is a PSS encoding of `hash` (alg's SHA-2 of the message) for PS256,
/// PS384 or PS512. False for any other alg, a hash of the wrong length, or a block of a size
/// that does not fit the modulus.
bool pss_encoding_matches(Alg alg, std::span<const unsigned char> hash, std::span<const unsigned char> block,
                          std::size_t modulus_bits) noexcept;

}  // namespace jwtcheck::detail
