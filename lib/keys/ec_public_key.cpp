// EC public keys on the three JOSE curves (RFC 7518 §6.2.1): exact coordinate lengths, and a
// point that is on the curve (EVP_PKEY_public_check_quick), so invalid-curve attacks cannot start.
#include "json/message_quote.hpp"
#include "keys/public_key.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>
#include <cstring>

namespace jwtcheck::detail {

namespace {

struct CurveInfo {
  const char* jose_name;
  const char* openssl_name;
  std::size_t field_bytes;
};

constexpr std::array<CurveInfo, 3> kCurves = {{
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
}};

const CurveInfo* curve_by_jose_name(const std::string& name) noexcept {
  for (const auto& c : kCurves)
    if (name == c.jose_name) return &c;
  return nullptr;
}

const CurveInfo* curve_by_openssl_name(const char* name) noexcept {
  for (const auto& c : kCurves)
    if (std::strcmp(name, c.openssl_name) == 0) return &c;
  return nullptr;
}

Error invalid(std::string message) { return Error{ErrorCode::invalid_key, std::move(message)}; }

std::optional<Error> check_coordinate(const char* name, const std::string& value, const CurveInfo& curve) {
  if (value.size() == curve.field_bytes) return std::nullopt;
  return invalid(std::string("EC coordinate ") + name + " is " + std::to_string(value.size()) + " bytes, expected " +
                 std::to_string(curve.field_bytes) + " for " + curve.jose_name);
}

// Not the point at infinity, coordinates below p, and on the curve. The full check
// (EVP_PKEY_public_check) adds n·Q = O, a scalar multiplication as costly as an ECDSA verify,
// which proves nothing more here: P-256, P-384 and P-521 have cofactor 1, so every point on
// them but O has order n. It made a DPoP proof, whose key is imported per proof, cost 2.4
// signature verifies on top of the access token instead of about 1.
bool point_is_valid(EVP_PKEY* pkey) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  return ctx && EVP_PKEY_public_check_quick(ctx.get()) == 1;
}

}  // namespace

Result<PkeyPtr> build_ec_key(const EcComponents& ec) {
  const CurveInfo* curve = curve_by_jose_name(ec.curve);
  if (curve == nullptr)
    return Error{ErrorCode::unsupported_key, "EC curve " + quote_for_message(ec.curve) + " is not supported; expected P-256, P-384 or P-521"};
  if (auto error = check_coordinate("x", ec.x, *curve)) return std::move(*error);
  if (auto error = check_coordinate("y", ec.y, *curve)) return std::move(*error);
  std::string point = "\x04" + ec.x + ec.y;  // SEC 1 uncompressed encoding
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  ParamPtr params;
  if (builder && OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve->openssl_name, 0) == 1 &&
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1)
    params.reset(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  const bool built = params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
                     EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) == 1;
  PkeyPtr pkey(raw);
  if (!built || !point_is_valid(pkey.get())) {
    ERR_clear_error();
    return invalid("EC point (x, y) is not on curve " + ec.curve);
  }
  return pkey;
}

Result<PublicComponents> ec_components_of(const EVP_PKEY* pkey) {
  char group[64] = {};
  if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, nullptr) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::unsupported_key, "EC key without a named curve; expected P-256, P-384 or P-521"};
  }
  const CurveInfo* curve = curve_by_openssl_name(group);
  if (curve == nullptr)
    return Error{ErrorCode::unsupported_key, std::string("EC curve ") + group + " is not supported; expected P-256, P-384 or P-521"};
  BIGNUM* x = nullptr;
  BIGNUM* y = nullptr;
  const bool got = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
                   EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1;
  BignumPtr x_owner(x), y_owner(y);
  EcComponents ec{curve->jose_name, std::string(curve->field_bytes, '\0'), std::string(curve->field_bytes, '\0')};
  const int width = static_cast<int>(curve->field_bytes);
  if (!got || BN_bn2binpad(x, reinterpret_cast<unsigned char*>(ec.x.data()), width) != width ||
      BN_bn2binpad(y, reinterpret_cast<unsigned char*>(ec.y.data()), width) != width) {
    ERR_clear_error();
    return invalid("EC key without readable public coordinates");
  }
  return PublicComponents{std::move(ec)};
}

}  // namespace jwtcheck::detail
