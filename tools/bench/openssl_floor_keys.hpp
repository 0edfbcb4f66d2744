// Pre-built OpenSSL objects the floors share between their variants and threads (read-only use).
#pragma once

#include "fixture.hpp"

#include <openssl/evp.h>

#include <memory>

namespace bench {

/// The fixture's public key as a ready EVP_PKEY (null for HS); exits on failure.
std::shared_ptr<EVP_PKEY> floor_public_key(const AlgFixture& fixture);

/// The digest of the fixture's algorithm, fetched once (null for EdDSA, which hashes internally).
std::shared_ptr<EVP_MD> floor_digest(const AlgFixture& fixture);

/// Sets RSA-PSS padding and salt length (= digest length, RFC 7518 §3.5) for PS*; no-op otherwise.
bool configure_padding(EVP_PKEY_CTX* pctx, jwtcheck::Alg alg) noexcept;

}  // namespace bench
