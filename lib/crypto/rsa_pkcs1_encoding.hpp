// EMSA-PKCS1-v1_5 (RFC 8017 §9.2) checked the way §8.2.2 says: the expected encoding is built
// and compared with the recovered block whole, so nothing is parsed and no lax ASN.1 (a missing
// NULL, another hash's identifier, bytes after the hash) can get through.
#pragma once

#include <jwtcheck/alg.hpp>

#include <span>

namespace jwtcheck::detail {

/// True when `block` (k bytes, k the modulus length) is exactly
/// 0x00 0x01 0xff.. 0x00 || DigestInfo(alg's SHA-2, hash), with at least 8 bytes of 0xff.
/// False for any alg but RS256/RS384/RS512 or a hash of the wrong length.
bool pkcs1_v1_5_encoding_matches(Alg alg, std::span<const unsigned char> hash,
                                 std::span<const unsigned char> block) noexcept;

}  // namespace jwtcheck::detail
