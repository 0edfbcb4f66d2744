#include "keys/jwk.hpp"

#include "base64url.hpp"
#include "json/message_quote.hpp"
#include "keys/jwk_certificate.hpp"
#include "keys/key_json.hpp"
#include "keys/key_usage.hpp"
#include "keys/public_key.hpp"
#include "keys/seal_key.hpp"

#include <algorithm>
#include <vector>

namespace jwtcheck {

namespace detail {

namespace {

Error invalid(std::string message) { return Error{ErrorCode::invalid_key, std::move(message)}; }

std::string_view view_of(const rapidjson::Value& s) { return {s.GetString(), s.GetStringLength()}; }

// A string member: nullptr when absent, an Error when present with another JSON type.
Result<const rapidjson::Value*> optional_string(const rapidjson::Value& jwk, const char* name) {
  const auto it = jwk.FindMember(name);
  if (it == jwk.MemberEnd()) return static_cast<const rapidjson::Value*>(nullptr);
  if (!it->value.IsString())
    return invalid(std::string("JWK member \"") + name + "\" must be a string, got " + json_type_name(it->value));
  return &it->value;
}

Result<std::string> required_string(const rapidjson::Value& jwk, std::string_view kty, const char* name) {
  auto member = optional_string(jwk, name);
  if (!member) return std::move(member).error();
  if (*member == nullptr) return invalid(std::string(kty) + " JWK lacks the required member \"" + name + "\"");
  return std::string(view_of(**member));
}

Result<std::string> required_base64url(const rapidjson::Value& jwk, std::string_view kty, const char* name) {
  auto text = required_string(jwk, kty, name);
  if (!text) return text;
  auto bytes = base64url_decode(*text);
  if (!bytes)
    return invalid(std::string("JWK member \"") + name +
                   "\" is not strict base64url (no padding, alphabet A-Z a-z 0-9 - _, zero trailing bits)");
  return std::move(*bytes);
}

std::optional<Error> refuse_private_members(const rapidjson::Value& jwk) {
  // A public key set must never carry private keys: "k" is the secret of an oct key, the rest
  // are RSA / EC / OKP private parts (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
  for (const char* name : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    if (jwk.HasMember(name))
      return invalid(std::string("JWK has the private member \"") + name + "\": a public key must not carry private key material");
  return std::nullopt;
}

Result<PublicComponents> components_of(const rapidjson::Value& jwk, std::string_view kty) {
  if (kty == "RSA") {
    auto n = required_base64url(jwk, kty, "n");
    if (!n) return std::move(n).error();
    auto e = required_base64url(jwk, kty, "e");
    if (!e) return std::move(e).error();
    return PublicComponents{RsaComponents{std::move(*n), std::move(*e)}};
  }
  if (kty == "EC" || kty == "OKP") {
    auto crv = required_string(jwk, kty, "crv");
    if (!crv) return std::move(crv).error();
    auto x = required_base64url(jwk, kty, "x");
    if (!x) return std::move(x).error();
    if (kty == "OKP") return PublicComponents{OkpComponents{std::move(*crv), std::move(*x)}};
    auto y = required_base64url(jwk, kty, "y");
    if (!y) return std::move(y).error();
    return PublicComponents{EcComponents{std::move(*crv), std::move(*x), std::move(*y)}};
  }
  return Error{ErrorCode::unsupported_key, "JWK kty " + quote_for_message(kty) + " is not supported; expected RSA, EC or OKP"};
}

// "key_ops" (RFC 7517 §4.3): an array of distinct strings; the key verifies only if "verify" is one.
Result<bool> key_ops_allow_verify(const rapidjson::Value& jwk) {
  const auto it = jwk.FindMember("key_ops");
  if (it == jwk.MemberEnd()) return true;
  if (!it->value.IsArray()) return invalid(std::string("JWK member \"key_ops\" must be an array, got ") + json_type_name(it->value));
  std::vector<std::string_view> ops;
  for (const auto& op : it->value.GetArray()) {
    if (!op.IsString()) return invalid(std::string("JWK \"key_ops\" entries must be strings, got ") + json_type_name(op));
    ops.push_back(view_of(op));
  }
  std::sort(ops.begin(), ops.end());
  if (std::adjacent_find(ops.begin(), ops.end()) != ops.end()) return invalid("JWK \"key_ops\" lists a value twice");
  return std::binary_search(ops.begin(), ops.end(), std::string_view("verify"));
}

struct Binding {
  std::string kid;
  std::optional<Alg> alg;
  bool usable_for_signatures = true;
};

Result<Binding> read_binding(const rapidjson::Value& jwk) {
  Binding binding;
  auto kid = optional_string(jwk, "kid");
  if (!kid) return std::move(kid).error();
  if (*kid) binding.kid = std::string(view_of(**kid));
  auto alg = optional_string(jwk, "alg");
  if (!alg) return std::move(alg).error();
  if (*alg) {
    binding.alg = alg_from_name(view_of(**alg));
    if (!binding.alg)
      return Error{ErrorCode::unsupported_key,
                   "JWK alg " + quote_for_message(view_of(**alg)) + " is not a JWS signature algorithm jwtcheck verifies"};
  }
  auto use = optional_string(jwk, "use");
  if (!use) return std::move(use).error();
  auto ops = key_ops_allow_verify(jwk);
  if (!ops) return std::move(ops).error();
  // RFC 7517 §4.2: only "sig" marks a signature key; "enc" (or anything else) does not.
  binding.usable_for_signatures = *ops && (*use == nullptr || view_of(**use) == "sig");
  return binding;
}

}  // namespace

const char* json_type_name(const rapidjson::Value& value) noexcept {
  switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "boolean";
    case rapidjson::kObjectType: return "object";
    case rapidjson::kArrayType: return "array";
    case rapidjson::kStringType: return "string";
    case rapidjson::kNumberType: return "number";
  }
  return "unknown";
}

Result<Key> key_from_jwk(const rapidjson::Value& jwk, const Limits& limits) {
  if (!jwk.IsObject()) return invalid(std::string("a JWK must be a JSON object, got ") + json_type_name(jwk));
  auto kty = optional_string(jwk, "kty");
  if (!kty) return std::move(kty).error();
  if (*kty == nullptr) return invalid("JWK lacks the required member \"kty\"");
  const std::string_view kty_name = view_of(**kty);
  if (kty_name == "oct")
    return Error{ErrorCode::unsupported_key,
                 "JWK kty \"oct\" (a shared secret) is never taken from a JWK or JWKS; pass HMAC secrets with hmac_key()"};
  if (auto error = refuse_private_members(jwk)) return std::move(*error);
  auto binding = read_binding(jwk);
  if (!binding) return std::move(binding).error();
  auto components = components_of(jwk, kty_name);
  if (!components) return std::move(components).error();
  auto data = make_public_key(*components, limits);
  if (!data) return std::move(data).error();
  KeyData& key = **data;
  if (binding->alg && !key_type_fits(key, *binding->alg))
    return invalid("JWK alg " + std::string(alg_name(*binding->alg)) + " does not fit this " + std::string(kty_name) +
                   (key.curve.empty() ? "" : " " + key.curve) + " key");
  if (auto error = check_jwk_certificate(jwk, key)) return std::move(*error);
  key.kid = std::move(binding->kid);
  key.alg = binding->alg;
  key.usable_for_signatures = binding->usable_for_signatures;
  return seal_key(std::move(*data));
}

}  // namespace detail

Result<Key> parse_jwk(std::string_view json, const Limits& limits) {
  if (json.size() > limits.max_jwks_bytes)
    return Error{ErrorCode::invalid_key,
                 "JWK is " + std::to_string(json.size()) + " bytes, the limit is " + std::to_string(limits.max_jwks_bytes)};
  auto doc = detail::parse_key_json(json, limits.max_json_depth, ErrorCode::invalid_key, "JWK");
  if (!doc) return std::move(doc).error();
  return detail::key_from_jwk(**doc, limits);
}

}  // namespace jwtcheck
