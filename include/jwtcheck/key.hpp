// jwtcheck — a verification key: a public key (RSA, EC, OKP) or an HMAC secret.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck {

/// The JWK key type ("kty").
enum class KeyType { rsa, ec, okp, oct };

/// A key parsed once into a ready OpenSSL object. Immutable; copies share the same key,
/// and one Key may be used from many threads at once.
class JWTCHECK_API Key {
 public:
  /// The key type: RSA, EC, OKP (Ed25519, Ed448) or oct (an HMAC secret).
  KeyType type() const noexcept;
  /// "kid" from the JWK (or given by the caller); empty when none.
  std::string_view kid() const noexcept;
  /// The JWK "alg" binding, if the key declared one: it may then verify only that alg.
  std::optional<Alg> alg() const noexcept;
  /// "P-256", "P-384", "P-521", "Ed25519", "Ed448"; empty for RSA and oct.
  std::string_view curve() const noexcept;
  /// Key size in bits (modulus for RSA, field for EC/OKP, secret length for oct).
  unsigned bits() const noexcept;
  /// RFC 7638 JWK thumbprint: base64url(SHA-256(canonical JWK)). Empty for oct keys.
  std::string_view thumbprint() const noexcept;
  /// True when this key may verify `alg`: type and curve fit it, and the JWK's
  /// alg, use ("sig") and key_ops ("verify") allow it.
  bool can_verify(Alg alg) const noexcept;

  /// Opaque: the OpenSSL key and its metadata, defined and used only inside the library
  /// (which makes Keys through it). A Key is obtained from parse_jwk(), parse_pem_public_key(),
  /// hmac_key() or parse_jwks().
  struct Impl;

 private:
  explicit Key(std::shared_ptr<const Impl> data) noexcept : data_(std::move(data)) {}
  std::shared_ptr<const Impl> data_;
};

/// Parses one public JWK (RFC 7517/7518/8037). Refuses private members ("d", "p", …) and
/// "oct" keys: HMAC secrets are only accepted through hmac_key().
JWTCHECK_API Result<Key> parse_jwk(std::string_view json, const Limits& limits = {});

/// Parses a PEM public key (SubjectPublicKeyInfo or PKCS#1 RSA) or an X.509 certificate
/// (its public key; the certificate itself is not validated). `kid` is attached as given.
JWTCHECK_API Result<Key> parse_pem_public_key(std::string_view pem, std::string_view kid = {}, const Limits& limits = {});

/// An HMAC secret handed over explicitly by the caller. It may verify only `alg` (HS256,
/// HS384 or HS512) and must be at least as long as that hash (RFC 7518 §3.2) — weak_key otherwise.
/// The copy jwtcheck keeps is cleansed when the last Key sharing it is destroyed.
JWTCHECK_API Result<Key> hmac_key(std::string_view secret, Alg alg, std::string_view kid = {});

}  // namespace jwtcheck
