#include "testing/token_endpoint.hpp"

#include <jwtcheck/testing/mint.hpp>

#include "testing/base64url_encode.hpp"
#include "testing/json_object.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <optional>
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
  if (!request.client_assertion.empty() || request.certificate_auth) {
    if (!request.assertion_verified && !request.certificate_verified) return nullptr;
    for (const auto& client : clients)
      if (client.client_id == request.client_id) return &client;
    return nullptr;
  }
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

HttpAnswer token_answer(const std::string& access_token, const std::string& scope, std::chrono::seconds lifetime,
                        bool dpop_bound = false) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("access_token", json_string(access_token, a), a);
  if (!scope.empty()) doc.AddMember("scope", json_string(scope, a), a);
  doc.AddMember("expires_in", rapidjson::Value(static_cast<std::int64_t>(lifetime.count())), a);
  doc.AddMember("token_type", rapidjson::StringRef(dpop_bound ? "DPoP" : "Bearer"), a);  // RFC 9449 §5
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

Auth0Claims tenant_claims(const TenantClient& client, const std::string& audience, const std::string& scope,
                          const TokenSettings& settings) {
  Auth0Claims claims;
  claims.issuer = settings.issuer;
  claims.client_id = client.client_id;
  claims.audiences = {audience};
  claims.scope = scope;
  claims.issued_at = static_cast<std::int64_t>(std::time(nullptr));
  claims.lifetime_seconds = settings.lifetime.count();
  return claims;
}

// RFC 9068's shape (Auth0's "RFC 9068" token profile): typ at+jwt, and client_id and a fresh jti
// beside the claims (unless test_claims set them).
std::string rfc9068_claims(const std::string& json, const Auth0Claims& claims) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  auto& a = doc.GetAllocator();
  if (!doc.HasMember("client_id")) doc.AddMember("client_id", json_string(claims.client_id, a), a);
  if (!doc.HasMember("jti")) doc.AddMember("jti", json_string(random_opaque_token(), a), a);
  doc.RemoveMember("gty");
  return to_json_text(doc);
}

// extra_claims_json (a JSON object, or empty) with `name` set to `value`; nullopt when it is not
// an object.
std::optional<std::string> with_claim(const std::string& extra_claims_json, const char* name,
                                      const rapidjson::Value& value) {
  rapidjson::Document doc(rapidjson::kObjectType);
  if (!extra_claims_json.empty() && (doc.Parse(extra_claims_json.data(), extra_claims_json.size()).HasParseError() ||
                                     !doc.IsObject()))
    return std::nullopt;
  auto& a = doc.GetAllocator();
  doc.RemoveMember(name);
  doc.AddMember(rapidjson::StringRef(name), rapidjson::Value(value, a), a);
  return to_json_text(doc);
}

HttpAnswer issue_jwt(Auth0Claims claims, const SigningKey& key, const TokenSettings& settings,
                     std::string_view dpop_jkt, std::string_view x5t = {}) {
  if (!dpop_jkt.empty() || !x5t.empty()) {
    // RFC 9449 §6.1: bound to the proof's key; RFC 8705 §3.1: bound to the client certificate.
    rapidjson::Document cnf(rapidjson::kObjectType);
    if (!dpop_jkt.empty())
      cnf.AddMember("jkt", json_string(std::string(dpop_jkt), cnf.GetAllocator()), cnf.GetAllocator());
    if (!x5t.empty())
      cnf.AddMember("x5t#S256", json_string(std::string(x5t), cnf.GetAllocator()), cnf.GetAllocator());
    auto extra = with_claim(claims.extra_claims_json, "cnf", cnf);
    if (!extra) return oauth_error_answer({400, "invalid_request", "test_claims must be a JSON object"});
    claims.extra_claims_json = std::move(*extra);
  }
  auto json = claims.to_json_checked();
  if (!json) return oauth_error_answer({400, "invalid_request", "test_claims: " + json.error().message});
  MintOptions options;
  if (settings.profile == TokenProfile::rfc9068) {
    *json = rfc9068_claims(*json, claims);
    options.typ = "at+jwt";
  }
  auto token = mint_token(key, *json, options);
  if (!token) return oauth_error_answer({500, "server_error", "could not sign the access token"});
  return token_answer(*token, claims.scope, std::chrono::seconds(claims.lifetime_seconds), !dpop_jkt.empty());
}

// test_expires_in: whole seconds, at most ten years either way (0 or less: already expired).
std::optional<std::int64_t> test_lifetime(const std::string& text) {
  constexpr std::int64_t ten_years = 10LL * 366 * 86400;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < -ten_years || value > ten_years)
    return std::nullopt;
  return value;
}

// A token shaped by the request's test parameters, for any audience (jwtcheck serve).
HttpAnswer issue_test_jwt(const TokenRequest& request, const TenantClient& client, const SigningKey& key,
                          const TokenSettings& settings, std::string_view dpop_jkt) {
  if (!settings.test_parameters)
    return oauth_error_answer({400, "invalid_request",
                               "test_* parameters are accepted only by a test tenant started for them (jwtcheck serve)"});
  if (!request.audience || request.audience->empty())
    return oauth_error_answer({400, "invalid_request", "test parameters need an audience parameter"});
  const auto grant = client.audience_scopes.find(*request.audience);
  const std::string scope = request.test_scope                           ? *request.test_scope
                            : grant != client.audience_scopes.end() ? granted_scope(request.scope, grant->second)
                                                                     : std::string();
  Auth0Claims claims = tenant_claims(client, *request.audience, scope, settings);
  if (request.test_expires_in) {
    const auto lifetime = test_lifetime(*request.test_expires_in);
    if (!lifetime)
      return oauth_error_answer({400, "invalid_request", "test_expires_in must be whole seconds within ten years"});
    claims.lifetime_seconds = *lifetime;
  }
  if (request.test_subject && request.test_subject->empty())
    return oauth_error_answer({400, "invalid_request", "test_subject must not be empty"});
  if (request.test_claims) claims.extra_claims_json = *request.test_claims;
  if (request.test_subject) {
    // The subject goes in as an extra claim, overriding CLIENT_ID@clients.
    rapidjson::Document subject;
    subject.SetString(request.test_subject->data(), static_cast<rapidjson::SizeType>(request.test_subject->size()),
                      subject.GetAllocator());
    auto extra = with_claim(claims.extra_claims_json, "sub", subject);
    if (!extra) return oauth_error_answer({400, "invalid_request", "test_claims must be a JSON object"});
    claims.extra_claims_json = std::move(*extra);
  }
  return issue_jwt(std::move(claims), key, settings, dpop_jkt, request.certificate_x5t);
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
                                const SigningKey& key, const TokenSettings& settings, std::string_view dpop_jkt) {
  const TenantClient* client = authenticate(request, clients);
  if (!client) return oauth_error_answer({401, "access_denied", "Unauthorized"});
  if (request.has_test_parameters()) return issue_test_jwt(request, *client, key, settings, dpop_jkt);
  if (!request.audience || request.audience->empty()) {
    if (settings.opaque_token_without_audience) return token_answer(random_opaque_token(), {}, settings.lifetime);
    return oauth_error_answer({403, "access_denied",
                               "No audience parameter was provided, and no default audience has been configured"});
  }
  const auto grant = client->audience_scopes.find(*request.audience);
  if (grant == client->audience_scopes.end()) return no_grant(*request.audience);
  return issue_jwt(tenant_claims(*client, *request.audience, granted_scope(request.scope, grant->second), settings), key,
                   settings, dpop_jkt, request.certificate_x5t);
}

}  // namespace jwtcheck::testing::detail
