#include "dpop/access_token_hash.hpp"

#include "base64url.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <span>

namespace jwtcheck::detail {

std::optional<std::string> access_token_hash(std::string_view access_token, const EVP_MD* sha256) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(access_token.data(), access_token.size(), digest, &length, sha256 != nullptr ? sha256 : EVP_sha256(), nullptr) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  return base64url_encode(std::span<const unsigned char>(digest, length));
}

}  // namespace jwtcheck::detail
