// JWK "x5c" (RFC 7517 §4.7): the key in the first certificate MUST match the key the JWK's other
// members describe. jwtcheck never takes a key from a certificate, but a JWK whose certificate
// holds another key is contradictory (a verifier trusting x5c would use a different key), so it
// is refused. Decoding and comparing are OpenSSL's (EVP_DecodeBlock, d2i_X509, EVP_PKEY_eq).
#pragma once

#include <jwtcheck/error.hpp>

#include "keys/key_data.hpp"

#include <rapidjson/document.h>

#include <optional>

namespace jwtcheck::detail {

/// An invalid_key error when `jwk` has an "x5c" that is not a non-empty array of strings, whose
/// first entry is not the standard base64 of exactly one DER X.509 certificate, or whose
/// certificate's public key is not `key`'s. nullopt when there is no x5c or it matches.
std::optional<Error> check_jwk_certificate(const rapidjson::Value& jwk, const KeyData& key);

}  // namespace jwtcheck::detail
