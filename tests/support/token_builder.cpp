#include "support/token_builder.hpp"

#include "base64url.hpp"

namespace jwtcheck::test {

std::string b64url(std::string_view bytes) { return detail::base64url_encode(bytes); }

std::string compact_token(std::string_view header_json, std::string_view claims_json, std::string_view signature_b64) {
  return b64url(header_json) + "." + b64url(claims_json) + "." + std::string(signature_b64);
}

}  // namespace jwtcheck::test
