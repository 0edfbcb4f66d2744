#include <jwtcheck/testing/mint.hpp>

#include "testing/base64url_encode.hpp"
#include "testing/json_object.hpp"

namespace jwtcheck::testing {

namespace {

Result<std::string> header_json(const SigningKey& key, const MintOptions& options) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  const std::string_view alg = options.alg_header ? std::string_view(*options.alg_header) : alg_name(key.alg());
  doc.AddMember("alg", detail::json_string(alg, a), a);
  if (!options.typ.empty()) doc.AddMember("typ", detail::json_string(options.typ, a), a);
  if (options.include_kid && !key.kid().empty()) doc.AddMember("kid", detail::json_string(key.kid(), a), a);
  if (!detail::merge_members(doc, options.extra_header_json, a))
    return Error{ErrorCode::invalid_json,
                 "expected extra_header_json to be a JSON object, got: " + options.extra_header_json};
  return detail::to_json_text(doc);
}

// The alg whose signature goes on the token: the header's, when it names one we can produce.
Alg signature_alg(const SigningKey& key, const MintOptions& options) {
  if (!options.alg_header) return key.alg();
  const auto named = alg_from_name(*options.alg_header);
  return named ? *named : key.alg();
}

}  // namespace

Result<std::string> mint_token(const SigningKey& key, std::string_view claims_json, const MintOptions& options) {
  auto header = header_json(key, options);
  if (!header) return std::move(header).error();
  std::string token = jwtcheck::testing::detail::base64url_encode(*header) + "." +
                      jwtcheck::testing::detail::base64url_encode(claims_json);
  std::string signature;
  if (!options.empty_signature) {
    signature = key.sign_as(signature_alg(key, options), token);
    // A header alg this key cannot produce (ES256 on an RSA key…): sign with the key's own alg.
    if (signature.empty()) signature = key.sign(token);
    if (signature.empty())
      return Error{ErrorCode::invalid_key, "could not sign with " + std::string(alg_name(key.alg())) + " key"};
  }
  token += ".";
  token += jwtcheck::testing::detail::base64url_encode(signature);
  return token;
}

}  // namespace jwtcheck::testing
