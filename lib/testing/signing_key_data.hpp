// The inside of a jwtcheck::testing::SigningKey: a private OpenSSL key or an HMAC secret.
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/secret.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "openssl_handles.hpp"

#include <string>

namespace jwtcheck::testing::detail {

struct SigningKeyData {
  Alg alg = Alg::RS256;
  std::string kid;
  jwtcheck::detail::PkeyPtr pkey;  // RSA / EC / Ed25519 / Ed448 private key; null for HS
  Secret hmac_secret;              // HS only; cleansed on destruction
};

}  // namespace jwtcheck::testing::detail
