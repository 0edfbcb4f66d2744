// Test keys for every suite: fresh OpenSSL key pairs per JWS alg, their public JWK / PEM, and
// JWS signatures made with plain OpenSSL (independent of jwtcheck's verification code).
//
//   auto key = jwtcheck::test::generate_test_key(jwtcheck::Alg::ES256, "kid-1");
//   auto parsed = jwtcheck::parse_jwk(key.public_jwk);
//   std::string sig = jwtcheck::test::sign_for_test(key, jwtcheck::Alg::ES256, "header.payload");
#pragma once

#include <jwtcheck/alg.hpp>

#include "support/openssl_ptr.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::test {

/// One generated key. For HS* only `secret` is set (pkey null, JWK/PEM empty).
struct TestKey {
  Alg alg;
  std::string kid;
  PkeyPtr pkey;     ///< the private key (signing)
  std::string public_jwk;   ///< {"kty":…,"kid":…,"alg":…,"use":"sig",…} — public members only
  std::string public_pem;   ///< SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----")
  std::string private_pem;  ///< PKCS#8 PEM of the private key (to test that it is refused)
  std::string secret;       ///< HS* only: random bytes, as long as the hash
};

/// A fresh key for `alg`: RSA `rsa_bits` (default 2048) for RS*/PS*, the alg's curve for ES*,
/// Ed25519 for EdDSA (`ed448` = true: Ed448), random secret for HS*. The JWK carries kid, alg and
/// use "sig". Throws std::runtime_error if OpenSSL fails (a broken test environment).
TestKey generate_test_key(Alg alg, std::string_view kid = "test-key", unsigned rsa_bits = 2048, bool ed448 = false);

/// A key generated once per process and alg (RSA generation is slow); thread-safe.
const TestKey& cached_test_key(Alg alg);

/// Signs `data` as JWS `alg` with plain OpenSSL: raw bytes (ES*: r||s, PS*: salt = hash length).
std::string sign_raw_for_test(const TestKey& key, Alg alg, std::string_view data);

/// As sign_raw_for_test, base64url-encoded: the third segment of a compact JWS.
std::string sign_for_test(const TestKey& key, Alg alg, std::string_view data);
std::string sign_for_test(EVP_PKEY* key, Alg alg, std::string_view data);

/// {"keys":[jwk, …]} from JWK JSON texts.
std::string jwks_json(const std::vector<std::string>& jwks);

/// Bytes from lower-case hex (Wycheproof); throws std::invalid_argument on bad hex.
std::string bytes_from_hex(std::string_view hex);

}  // namespace jwtcheck::test
