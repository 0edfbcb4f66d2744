// The inside of a jwtcheck::Key: the public key or secret plus the JWK metadata that limits its
// use. Key material only: the verification contexts built from it live in crypto/.
#pragma once

#include <jwtcheck/key.hpp>

#include "openssl_handles.hpp"

#include <optional>
#include <string>

namespace jwtcheck::detail {

struct KeyData {
  KeyType type = KeyType::rsa;
  std::string kid;
  std::optional<Alg> alg;        // JWK "alg" (or the HMAC key's alg): the only alg it may verify
  std::string curve;             // "P-256", "P-384", "P-521", "Ed25519", "Ed448"; empty otherwise
  unsigned bits = 0;
  std::string thumbprint;        // RFC 7638, base64url; empty for oct
  bool usable_for_signatures = true;  // "use" absent or "sig", and "key_ops" absent or has "verify"
  PkeyPtr pkey;                  // RSA / EC / OKP public key; null for oct
  std::string secret;            // oct only; cleansed in the destructor

  KeyData() = default;
  KeyData(const KeyData&) = delete;
  KeyData& operator=(const KeyData&) = delete;
  ~KeyData();
};

}  // namespace jwtcheck::detail
