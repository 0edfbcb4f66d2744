// The inside of a jwtcheck::testing::SigningKey: a private OpenSSL key or an HMAC secret.
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/secret.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "openssl_handles.hpp"

#include <memory>
#include <string>

namespace jwtcheck::testing {

// SigningKey::Impl is the opaque type the public header declares; inside the library it is known
// as detail::SigningKeyData.
struct SigningKey::Impl {
  Alg alg = Alg::RS256;
  std::string kid;
  jwtcheck::detail::PkeyPtr pkey;  // RSA / EC / Ed25519 / Ed448 private key; null for HS
  Secret hmac_secret;              // HS only; cleansed on destruction

  // The library's way in and out of a SigningKey, whose constructor and pointer are private.
  static SigningKey wrap(std::shared_ptr<const Impl> data) noexcept { return SigningKey(std::move(data)); }
  static const Impl& of(const SigningKey& key) noexcept { return *key.data_; }
};

namespace detail {

using SigningKeyData = SigningKey::Impl;

/// The inside of `key`.
inline const SigningKeyData& signing_key_data(const SigningKey& key) noexcept { return SigningKeyData::of(key); }

}  // namespace detail

}  // namespace jwtcheck::testing
