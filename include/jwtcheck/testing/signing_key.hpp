// jwtcheck-testing — private keys for minting test tokens. The signing code is jwtcheck's own
// OpenSSL code, independent of the verifier, so tests can check one against the other.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/key.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace jwtcheck::testing {

/// A private key (or HMAC secret) for minting test tokens. Copies share the key; thread-safe to use.
class JWTCHECK_API SigningKey {
 public:
  /// RS*/PS*: RSA (default 2048 bits), ES256/384/512: P-256/384/521, EdDSA: Ed25519, HS*: random secret of hash length.
  static Result<SigningKey> generate(Alg alg, std::string kid = {}, unsigned rsa_bits = 2048);
  /// An Ed448 key (alg EdDSA).
  static Result<SigningKey> generate_ed448(std::string kid = {});
  /// Loads a PEM private key (PKCS#8 or traditional) for `alg`; invalid_key if it is not one,
  /// key_mismatch if its type or curve cannot sign `alg` (use from_hmac_secret for HS*).
  static Result<SigningKey> from_private_pem(std::string_view pem, Alg alg, std::string kid = {});
  /// Wraps an existing HMAC secret (any length: tests use this for deliberately weak secrets).
  static Result<SigningKey> from_hmac_secret(Alg alg, std::string_view secret, std::string kid = {});

  /// The algorithm sign() uses.
  Alg alg() const noexcept;
  /// The key id put in JWKs and token headers; may be empty.
  std::string_view kid() const noexcept;
  /// {"kty",...,"kid","alg","use":"sig"}; for HS: the oct JWK including "k".
  std::string public_jwk_json() const;
  /// SubjectPublicKeyInfo PEM of the public key; empty for HS.
  std::string public_pem() const;
  /// PKCS#8 PEM of the private key (for interop tests); empty for HS.
  std::string private_pem() const;
  /// The HMAC secret bytes; empty for asymmetric keys.
  std::string_view hmac_secret() const noexcept;
  /// The matching jwtcheck::Key (hmac_key() for HS), parsed by the library's own parser.
  Result<Key> verification_key() const;
  /// Raw JWS signature bytes of `signing_input` for alg().
  std::string sign(std::string_view signing_input) const;
  /// Raw signature bytes for another alg (for deliberately wrong tokens). For an HS alg on an
  /// asymmetric key, the HMAC key is the SPKI PEM (the classic RS256→HS256 confusion attack).
  /// Empty when the key type cannot produce `alg` at all.
  std::string sign_as(Alg alg, std::string_view signing_input) const;

  /// The internals, for the testing library's own use.
  /// Opaque: the private OpenSSL key or HMAC secret, defined and used only inside the library.
  struct Impl;

 private:
  explicit SigningKey(std::shared_ptr<const Impl> data) noexcept : data_(std::move(data)) {}
  std::shared_ptr<const Impl> data_;
};

/// {"keys":[...public JWKs...]} of these keys, in order.
JWTCHECK_API std::string jwks_json(std::span<const SigningKey> keys);

}  // namespace jwtcheck::testing
