#include "testing/token_endpoint.hpp"

#include <jwtcheck/testing/mint.hpp>

#include "testing/base64url_encode.hpp"
#include "testing/json_object.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <ctime>
#include <sstream>
#include <vector>

namespace jwtcheck::testing::detail {

namespace {

std::vector<std::string> split_scope(std::string_view scope) {
  std::vector<std::string> scopes;
  std::istringstream words{std::string(scope)};
  for (std::string word; words >> word;)
    if (std::find(scopes.begin(), scopes.end(), word) == scopes.end()) scopes.push_back(word);
  return scopes;
}

// Hashing first makes the comparison time independent of the secrets' lengths too.
bool secrets_equal(std::string_view given, std::string_view expected) {
  unsigned char a[EVP_MAX_MD_SIZE];
  unsigned char b[EVP_MAX_MD_SIZE];
  unsigned int a_len = 0, b_len = 0;
  if (EVP_Digest(given.data(), given.size(), a, &a_len, EVP_sha256(), nullptr) != 1 ||
      EVP_Digest(expected.data(), expected.size(), b, &b_len, EVP_sha256(), nullptr) != 1)
    return false;
  return CRYPTO_memcmp(a, b, a_len) == 0;
}

const TenantClient* authenticate(const TokenRequest& request, std::span<const TenantClient> clients) {
  for (const auto& client : clients)
    if (client.client_id == request.client_id)
      return secrets_equal(request.client_secret, client.client_secret) ? &client : nullptr;
  // Unknown client: still spend the time of one comparison.
  (void)secrets_equal(request.client_secret, request.client_secret);
  return nullptr;
}

std::string random_opaque_token() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  return jwtcheck::testing::detail::base64url_encode(bytes);
}

HttpAnswer token_answer(const std::string& access_token, const std::string& scope, std::chrono::seconds lifetime) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("access_token", json_string(access_token, a), a);
  if (!scope.empty()) doc.AddMember("scope", json_string(scope, a), a);
  doc.AddMember("expires_in", rapidjson::Value(static_cast<std::int64_t>(lifetime.count())), a);
  doc.AddMember("token_type", "Bearer", a);
  HttpAnswer answer{200, to_json_text(doc)};
  answer.headers = {{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}};
  return answer;
}

HttpAnswer no_grant(const std::string& audience) {
  return oauth_error_answer({403, "access_denied",
                             "Client is not authorized to access \"" + audience.substr(0, 200) +
                                 "\". You need to create a \"client-grant\" associated to this API. See: "
                                 "https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants"});
}

HttpAnswer issue_jwt(const TenantClient& client, const std::string& audience, const std::string& scope,
                     const SigningKey& key, const TokenSettings& settings) {
  Auth0Claims claims;
  claims.issuer = settings.issuer;
  claims.client_id = client.client_id;
  claims.audiences = {audience};
  claims.scope = scope;
  claims.issued_at = static_cast<std::int64_t>(std::time(nullptr));
  claims.lifetime_seconds = settings.lifetime.count();
  auto token = mint_token(key, claims.to_json());
  if (!token) return oauth_error_answer({500, "server_error", "could not sign the access token"});
  return token_answer(*token, scope, settings.lifetime);
}

}  // namespace

HttpAnswer oauth_error_answer(const OAuthFailure& failure) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("error", json_string(failure.error, a), a);
  doc.AddMember("error_description", json_string(failure.description, a), a);
  return HttpAnswer{failure.status, to_json_text(doc)};
}

std::string granted_scope(const std::optional<std::string>& requested, std::string_view granted) {
  const std::vector<std::string> grant = split_scope(granted);
  const std::vector<std::string> wanted = requested ? split_scope(*requested) : grant;
  std::string scope;
  for (const auto& s : wanted) {
    if (std::find(grant.begin(), grant.end(), s) == grant.end()) continue;
    if (!scope.empty()) scope += ' ';
    scope += s;
  }
  return scope;
}

HttpAnswer answer_token_request(const TokenRequest& request, std::span<const TenantClient> clients,
                                const SigningKey& key, const TokenSettings& settings) {
  const TenantClient* client = authenticate(request, clients);
  if (!client) return oauth_error_answer({401, "access_denied", "Unauthorized"});
  if (!request.audience || request.audience->empty()) {
    if (settings.opaque_token_without_audience) return token_answer(random_opaque_token(), {}, settings.lifetime);
    return oauth_error_answer({403, "access_denied",
                               "No audience parameter was provided, and no default audience has been configured"});
  }
  const auto grant = client->audience_scopes.find(*request.audience);
  if (grant == client->audience_scopes.end()) return no_grant(*request.audience);
  return issue_jwt(*client, *request.audience, granted_scope(request.scope, grant->second), key, settings);
}

}  // namespace jwtcheck::testing::detail
