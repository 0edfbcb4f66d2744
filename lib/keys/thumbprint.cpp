#include "keys/thumbprint.hpp"

#include "base64url.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

namespace jwtcheck::detail {

namespace {

// Every value here is base64url or a fixed name, so no JSON escaping is ever needed.
std::string member(const char* name, const std::string& value) { return std::string("\"") + name + "\":\"" + value + "\""; }

struct CanonicalJson {
  std::string operator()(const RsaComponents& k) const {
    return "{" + member("e", base64url_encode(k.e)) + "," + member("kty", "RSA") + "," + member("n", base64url_encode(k.n)) + "}";
  }
  std::string operator()(const EcComponents& k) const {
    return "{" + member("crv", k.curve) + "," + member("kty", "EC") + "," + member("x", base64url_encode(k.x)) + "," +
           member("y", base64url_encode(k.y)) + "}";
  }
  std::string operator()(const OkpComponents& k) const {
    return "{" + member("crv", k.curve) + "," + member("kty", "OKP") + "," + member("x", base64url_encode(k.x)) + "}";
  }
};

}  // namespace

std::string thumbprint_input(const PublicComponents& components) { return std::visit(CanonicalJson{}, components); }

std::string jwk_thumbprint(const PublicComponents& components) {
  const std::string input = thumbprint_input(components);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(input.data(), input.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    ERR_clear_error();
    return {};
  }
  return base64url_encode(std::span<const unsigned char>(digest, len));
}

}  // namespace jwtcheck::detail
