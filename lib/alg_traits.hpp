// What each JWS algorithm needs from OpenSSL: its family, digest and sizes (RFC 7518 §3).
#pragma once

#include <jwtcheck/alg.hpp>

#include <openssl/evp.h>

#include <cstddef>

namespace jwtcheck::detail {

/// The signature scheme behind a JWS alg.
enum class AlgFamily { rsa_pkcs1, rsa_pss, ecdsa, eddsa, hmac };

constexpr AlgFamily alg_family(Alg alg) noexcept {
  switch (alg) {
    case Alg::RS256: case Alg::RS384: case Alg::RS512: return AlgFamily::rsa_pkcs1;
    case Alg::PS256: case Alg::PS384: case Alg::PS512: return AlgFamily::rsa_pss;
    case Alg::ES256: case Alg::ES384: case Alg::ES512: return AlgFamily::ecdsa;
    case Alg::EdDSA: return AlgFamily::eddsa;
    case Alg::HS256: case Alg::HS384: case Alg::HS512: break;
  }
  return AlgFamily::hmac;
}

/// Output size of the alg's hash in bytes (SHA-256/384/512); 0 for EdDSA (no separate hash).
constexpr std::size_t alg_hash_bytes(Alg alg) noexcept {
  switch (alg) {
    case Alg::RS256: case Alg::PS256: case Alg::ES256: case Alg::HS256: return 32;
    case Alg::RS384: case Alg::PS384: case Alg::ES384: case Alg::HS384: return 48;
    case Alg::RS512: case Alg::PS512: case Alg::ES512: case Alg::HS512: return 64;
    case Alg::EdDSA: break;
  }
  return 0;
}

/// The OpenSSL digest name for the alg's hash ("SHA256"…); nullptr for EdDSA.
constexpr const char* alg_digest_name(Alg alg) noexcept {
  switch (alg_hash_bytes(alg)) {
    case 32: return "SHA256";
    case 48: return "SHA384";
    case 64: return "SHA512";
    default: return nullptr;
  }
}

/// The one curve an ES* alg is defined on (RFC 7518 §3.4); nullptr for other algs.
constexpr const char* ecdsa_curve(Alg alg) noexcept {
  switch (alg) {
    case Alg::ES256: return "P-256";
    case Alg::ES384: return "P-384";
    case Alg::ES512: return "P-521";
    default: return nullptr;
  }
}

/// Every Alg, for loops over the closed set.
inline constexpr Alg kAllAlgs[] = {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384,
                                   Alg::PS512, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA,
                                   Alg::HS256, Alg::HS384, Alg::HS512};

constexpr std::size_t alg_index(Alg alg) noexcept { return static_cast<std::size_t>(alg); }

}  // namespace jwtcheck::detail
