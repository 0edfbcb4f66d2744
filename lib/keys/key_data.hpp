// The inside of a jwtcheck::Key: the public key or secret plus the JWK metadata that limits its
// use. Key material only: the verification contexts built from it live in crypto/.
#pragma once

#include <jwtcheck/key.hpp>

#include "openssl_handles.hpp"

#include <memory>
#include <optional>
#include <string>

namespace jwtcheck {

// Key::Impl is the opaque type the public header declares; inside the library it is known as
// detail::KeyData.
struct Key::Impl {
  KeyType type = KeyType::rsa;
  std::string kid;
  std::optional<Alg> alg;        // JWK "alg" (or the HMAC key's alg): the only alg it may verify
  std::string curve;             // "P-256", "P-384", "P-521", "Ed25519", "Ed448"; empty otherwise
  unsigned bits = 0;
  std::string thumbprint;        // RFC 7638, base64url; empty for oct
  bool usable_for_signatures = true;  // "use" absent or "sig", and "key_ops" absent or has "verify"
  detail::PkeyPtr pkey;                 // RSA / EC / OKP public key; null for oct
  std::string secret;            // oct only; cleansed in the destructor

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl();

  // The library's way in and out of a Key, whose constructor and pointer are private.
  static Key wrap(std::shared_ptr<const Impl> data) noexcept { return Key(std::move(data)); }
  static const Impl& of(const Key& key) noexcept { return *key.data_; }
};

namespace detail {

using KeyData = Key::Impl;

/// The inside of `key` (which must not be moved-from).
inline const KeyData& key_data(const Key& key) noexcept { return KeyData::of(key); }

}  // namespace detail

}  // namespace jwtcheck
