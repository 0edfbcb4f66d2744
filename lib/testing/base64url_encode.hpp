// base64url without padding (RFC 4648 §5), for minting: the testing library's own encoder, so
// that it needs nothing of libjwtcheck but its public API.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace jwtcheck::testing::detail {

/// Encodes without padding.
std::string base64url_encode(std::span<const unsigned char> in);
std::string base64url_encode(std::string_view in);

}  // namespace jwtcheck::testing::detail
