#include "support/token_builder.hpp"

#include "support/test_base64url.hpp"

namespace jwtcheck::test {

std::string b64url(std::string_view bytes) { return base64url_encode(bytes); }

std::string compact_token(std::string_view header_json, std::string_view claims_json, std::string_view signature_b64) {
  return b64url(header_json) + "." + b64url(claims_json) + "." + std::string(signature_b64);
}

std::string signed_token(const TestKey& key, Alg alg, std::string_view header_json, std::string_view claims_json) {
  const std::string signing_input = b64url(header_json) + "." + b64url(claims_json);
  return signing_input + "." + sign_for_test(key, alg, signing_input);
}

std::string jose_header_json(Alg alg, std::string_view kid, std::string_view typ) {
  std::string json = "{\"alg\":\"" + std::string(alg_name(alg)) + "\"";
  if (!typ.empty()) json += ",\"typ\":\"" + std::string(typ) + "\"";
  if (!kid.empty()) json += ",\"kid\":\"" + std::string(kid) + "\"";
  return json + "}";
}

}  // namespace jwtcheck::test
