// Assembling compact tokens for tests, including deliberately broken ones. Signing with real
// keys is in signed_token.hpp; this file only joins and encodes.
#pragma once

#include <string>
#include <string_view>

namespace jwtcheck::test {

/// base64url without padding.
std::string b64url(std::string_view bytes);

/// header.payload.signature with both JSON parts base64url-encoded as given (byte for byte).
std::string compact_token(std::string_view header_json, std::string_view claims_json,
                          std::string_view signature_b64 = "c2lnbmF0dXJl");

}  // namespace jwtcheck::test
