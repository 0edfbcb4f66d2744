// base64url (RFC 4648 section 5, no padding) for tests, through OpenSSL's base64 coder: the
// tests' own copy, independent of the library's decoder under test.
//
//   std::string segment = jwtcheck::test::base64url_encode("{\"alg\":\"none\"}");
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jwtcheck::test {

/// base64url of `bytes`, without padding.
std::string base64url_encode(std::string_view bytes);
std::string base64url_encode(std::span<const unsigned char> bytes);

/// The bytes of unpadded base64url text; nullopt if `text` is not base64url.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace jwtcheck::test
