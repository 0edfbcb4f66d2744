#include "testing/discovery_document.hpp"

#include "testing/json_object.hpp"

#include <initializer_list>

namespace jwtcheck::testing::detail {

namespace {

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value string_array(std::initializer_list<std::string_view> items, Allocator& a) {
  rapidjson::Value array(rapidjson::kArrayType);
  for (auto item : items) array.PushBack(json_string(item, a), a);
  return array;
}

}  // namespace

std::string discovery_json(const std::string& base_url, Alg alg) {
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& a = doc.GetAllocator();
  doc.AddMember("issuer", json_string(base_url + "/", a), a);
  doc.AddMember("authorization_endpoint", json_string(base_url + "/authorize", a), a);
  doc.AddMember("token_endpoint", json_string(base_url + "/oauth/token", a), a);
  doc.AddMember("jwks_uri", json_string(base_url + "/.well-known/jwks.json", a), a);
  doc.AddMember("grant_types_supported", string_array({"client_credentials"}, a), a);
  doc.AddMember("response_types_supported", string_array({"token"}, a), a);
  doc.AddMember("subject_types_supported", string_array({"public"}, a), a);
  doc.AddMember("token_endpoint_auth_methods_supported",
                string_array({"client_secret_basic", "client_secret_post"}, a), a);
  doc.AddMember("id_token_signing_alg_values_supported", string_array({alg_name(alg)}, a), a);
  doc.AddMember("scopes_supported", string_array({"openid"}, a), a);
  return to_json_text(doc);
}

}  // namespace jwtcheck::testing::detail
