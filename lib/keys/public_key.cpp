#include "keys/public_key.hpp"

#include "keys/thumbprint.hpp"

namespace jwtcheck::detail {

namespace {

struct KeyBuilder {
  const Limits& limits;

  Result<std::unique_ptr<KeyData>> operator()(const RsaComponents& rsa) const {
    auto pkey = build_rsa_key(rsa, limits);
    if (!pkey) return std::move(pkey).error();
    return finish(KeyType::rsa, "", bit_length(rsa.n), std::move(*pkey));
  }
  Result<std::unique_ptr<KeyData>> operator()(const EcComponents& ec) const {
    auto pkey = build_ec_key(ec);
    if (!pkey) return std::move(pkey).error();
    const unsigned bits = ec.curve == "P-256" ? 256 : ec.curve == "P-384" ? 384 : 521;
    return finish(KeyType::ec, ec.curve, bits, std::move(*pkey));
  }
  Result<std::unique_ptr<KeyData>> operator()(const OkpComponents& okp) const {
    auto pkey = build_okp_key(okp);
    if (!pkey) return std::move(pkey).error();
    return finish(KeyType::okp, okp.curve, okp.curve == "Ed25519" ? 255 : 448, std::move(*pkey));  // field sizes
  }

  static Result<std::unique_ptr<KeyData>> finish(KeyType type, const std::string& curve, unsigned bits, PkeyPtr pkey) {
    auto data = std::make_unique<KeyData>();
    data->type = type;
    data->curve = curve;
    data->bits = bits;
    data->pkey = std::move(pkey);
    return data;
  }
};

}  // namespace

Result<std::unique_ptr<KeyData>> make_public_key(const PublicComponents& components, const Limits& limits) {
  auto data = std::visit(KeyBuilder{limits}, components);
  if (data) (*data)->thumbprint = jwk_thumbprint(components);
  return data;
}

Result<PublicComponents> public_components_of(const EVP_PKEY* pkey) {
  switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA: return rsa_components_of(pkey);
    case EVP_PKEY_EC: return ec_components_of(pkey);
    case EVP_PKEY_ED25519: return okp_components_of(pkey, "Ed25519");
    case EVP_PKEY_ED448: return okp_components_of(pkey, "Ed448");
    default: break;
  }
  const char* type = EVP_PKEY_get0_type_name(pkey);
  return Error{ErrorCode::unsupported_key, std::string("key type ") + (type ? type : "unknown") +
                                               " is not supported; expected RSA, EC P-256/384/521, Ed25519 or Ed448"};
}

}  // namespace jwtcheck::detail
