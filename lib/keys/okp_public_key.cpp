// OKP signature keys (RFC 8037): Ed25519 and Ed448 raw public keys of exact length.
#include "json/message_quote.hpp"
#include "keys/public_key.hpp"

#include <openssl/err.h>

namespace jwtcheck::detail {

namespace {

struct OkpCurve {
  const char* name;
  int evp_type;
  std::size_t key_bytes;
};

const OkpCurve* okp_curve(const std::string& name) noexcept {
  static constexpr OkpCurve kCurves[] = {{"Ed25519", EVP_PKEY_ED25519, 32}, {"Ed448", EVP_PKEY_ED448, 57}};
  for (const auto& c : kCurves)
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace

Result<PkeyPtr> build_okp_key(const OkpComponents& okp) {
  const OkpCurve* curve = okp_curve(okp.curve);
  if (curve == nullptr)
    return Error{ErrorCode::unsupported_key,
                 "OKP curve " + quote_for_message(okp.curve) + " is not supported for signatures; expected Ed25519 or Ed448"};
  if (okp.x.size() != curve->key_bytes)
    return Error{ErrorCode::invalid_key, "OKP public key x is " + std::to_string(okp.x.size()) + " bytes, expected " +
                                             std::to_string(curve->key_bytes) + " for " + okp.curve};
  PkeyPtr pkey(EVP_PKEY_new_raw_public_key(curve->evp_type, nullptr,
                                           reinterpret_cast<const unsigned char*>(okp.x.data()), okp.x.size()));
  if (!pkey) {
    ERR_clear_error();
    return Error{ErrorCode::invalid_key, "OpenSSL refused the " + okp.curve + " public key"};
  }
  return pkey;
}

Result<PublicComponents> okp_components_of(const EVP_PKEY* pkey, const char* curve) {
  unsigned char raw[64];
  std::size_t len = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(pkey, raw, &len) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::invalid_key, std::string(curve) + " key without a readable public key"};
  }
  return PublicComponents{OkpComponents{curve, std::string(reinterpret_cast<const char*>(raw), len)}};
}

}  // namespace jwtcheck::detail
