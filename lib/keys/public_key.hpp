// The public numbers of a key, whichever way they arrive (JWK members or a PEM's EVP_PKEY),
// and the one place that checks them and turns them into a ready KeyData.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include "keys/key_data.hpp"

#include <memory>
#include <string>
#include <variant>

namespace jwtcheck::detail {

/// RSA: unsigned big-endian n and e, as in the JWK members after base64url decoding.
struct RsaComponents {
  std::string n;
  std::string e;
};

/// EC: the JOSE curve name ("P-256"…) and the affine coordinates, each the field's byte length.
struct EcComponents {
  std::string curve;
  std::string x;
  std::string y;
};

/// OKP (RFC 8037): "Ed25519" or "Ed448" and the raw public key.
struct OkpComponents {
  std::string curve;
  std::string x;
};

using PublicComponents = std::variant<RsaComponents, EcComponents, OkpComponents>;

/// Checks the numbers (sizes per Limits, exponent, curve, point on the curve, ROCA) and
/// builds the EVP_PKEY, type, curve, bits and RFC 7638 thumbprint. The caller adds kid and
/// the JWK's alg/use binding, then seals the key (seal_key).
Result<std::unique_ptr<KeyData>> make_public_key(const PublicComponents& components, const Limits& limits);

/// Reads the public numbers back out of an OpenSSL key (RSA, EC P-256/384/521, Ed25519, Ed448);
/// unsupported_key for any other type or curve.
Result<PublicComponents> public_components_of(const EVP_PKEY* pkey);

// Per key type, used by the two functions above.
Result<PkeyPtr> build_rsa_key(const RsaComponents& rsa, const Limits& limits);
Result<PkeyPtr> build_ec_key(const EcComponents& ec);
Result<PkeyPtr> build_okp_key(const OkpComponents& okp);
Result<PublicComponents> rsa_components_of(const EVP_PKEY* pkey);
Result<PublicComponents> ec_components_of(const EVP_PKEY* pkey);
Result<PublicComponents> okp_components_of(const EVP_PKEY* pkey, const char* curve);

/// The key-size in bits of an unsigned big-endian number without leading zero octets.
unsigned bit_length(const std::string& big_endian) noexcept;

}  // namespace jwtcheck::detail
