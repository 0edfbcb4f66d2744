// The per-key, per-algorithm OpenSSL state that verify_signature copies instead of
// re-initialising on every call (EVP_DigestVerifyInit costs several µs on OpenSSL 3.0).
#pragma once

#include <jwtcheck/alg.hpp>

#include "keys/key_data.hpp"
#include "openssl_handles.hpp"

namespace jwtcheck::detail {

/// A digest context after EVP_DigestVerifyInit for `alg` on key.pkey (PSS: MGF1 with the same
/// hash, salt length = hash length). Null when OpenSSL refuses; the error queue is then cleared.
MdCtxPtr make_verify_template(const KeyData& key, Alg alg) noexcept;

/// Sets RS* (PKCS#1 v1.5) or PS* (PSS: MGF1 with the same hash, salt = hash length) padding on
/// a verify context; true and no change for other algs. False when OpenSSL refuses.
bool configure_rsa_padding(EVP_PKEY_CTX* pctx, Alg alg) noexcept;

}  // namespace jwtcheck::detail
