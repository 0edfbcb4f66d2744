// Assembling compact tokens for tests, including deliberately broken ones: base64url-encodes
// header and claims byte for byte as given, and signs with the shared test keys (test_keys.hpp).
#pragma once

#include <jwtcheck/alg.hpp>

#include "support/test_keys.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::test {

/// base64url without padding.
std::string b64url(std::string_view bytes);

/// header.payload.signature with both JSON parts base64url-encoded as given (byte for byte).
std::string compact_token(std::string_view header_json, std::string_view claims_json,
                          std::string_view signature_b64 = "c2lnbmF0dXJl");

/// A compact token signed with `key` as `alg` over the given header and claims JSON.
std::string signed_token(const TestKey& key, Alg alg, std::string_view header_json, std::string_view claims_json);

/// {"alg":"<alg>","typ":"JWT","kid":"<kid>"} (no kid member when `kid` is empty).
std::string jose_header_json(Alg alg, std::string_view kid, std::string_view typ = "JWT");

}  // namespace jwtcheck::test
