#include "testing/base64url_encode.hpp"

#include <openssl/evp.h>

#include <limits>
#include <stdexcept>

namespace jwtcheck::testing::detail {

std::string base64url_encode(std::span<const unsigned char> in) {
  // OpenSSL's standard base64, then the URL-safe alphabet without padding.
  if (in.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 4 * 3))
    throw std::length_error("base64url_encode: input too large");
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), in.data(), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(written));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  return out;
}

std::string base64url_encode(std::string_view in) {
  return base64url_encode(std::span(reinterpret_cast<const unsigned char*>(in.data()), in.size()));
}

}  // namespace jwtcheck::testing::detail
