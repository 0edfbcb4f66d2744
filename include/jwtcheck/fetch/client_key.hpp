// jwtcheck — a client's own private key, for what a client signs: private_key_jwt client
// assertions (RFC 7523, client_assertion.hpp) and DPoP proofs (RFC 9449, dpop_proof.hpp).
//
// Loaded from PEM: PKCS#8 ("PRIVATE KEY") or traditional ("RSA PRIVATE KEY", "EC PRIVATE KEY").
// Encrypted PEM is refused. The PEM bytes jwtcheck reads are wiped after parsing; the key itself
// lives in OpenSSL, which clears private key material when the key is freed.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck {

/// A private signing key and the JWS algorithm it signs with. Copies share the key; thread-safe.
class JWTCHECK_API ClientKey {
 public:
  /// Parses a PEM private key. `alg` empty (the default) picks the key's natural algorithm:
  /// RS256 for RSA, ES256/ES384/ES512 for P-256/P-384/P-521, EdDSA for Ed25519/Ed448.
  /// Errors: invalid_key (not a PEM private key, encrypted, a public key or certificate),
  /// unsupported_key (another key type or curve), weak_key (RSA below 2048 bits), key_mismatch
  /// (`alg` does not fit the key, or is HS*). `key_id` ends up as the "kid" header of what it signs
  /// (empty: no kid).
  static Result<ClientKey> from_pem(std::string_view pem, std::optional<Alg> alg = std::nullopt,
                                    std::string key_id = {});
  /// The same from a file. Errors: io_error (the message names the file, never its content) and
  /// those of from_pem.
  static Result<ClientKey> from_pem_file(const std::string& path, std::optional<Alg> alg = std::nullopt,
                                         std::string key_id = {});

  /// The algorithm it signs with.
  Alg alg() const noexcept;
  /// The "kid" it puts in headers; empty: none.
  const std::string& key_id() const noexcept;
  /// The public key as a JWK: exactly RFC 7638's required members, in its order (no kid).
  const std::string& public_jwk() const noexcept;
  /// The RFC 7638 SHA-256 thumbprint of public_jwk(), base64url (a DPoP-bound token's cnf.jkt).
  const std::string& thumbprint() const noexcept;
  /// A compact JWS: header {"alg","kid" (when set), then `extra_header_members` (JSON members
  /// without braces, e.g. "\"typ\":\"JWT\"", or empty)}, payload `claims_json` (a JSON object).
  /// Errors: invalid_key when OpenSSL cannot sign.
  Result<std::string> sign(std::string_view extra_header_members, std::string_view claims_json) const;

  /// Opaque: the OpenSSL key, defined and used only inside the library.
  struct Impl;

 private:
  explicit ClientKey(std::shared_ptr<const Impl> state) noexcept : state_(std::move(state)) {}
  std::shared_ptr<const Impl> state_;
};

}  // namespace jwtcheck
