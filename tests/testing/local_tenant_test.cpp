// LocalTenant over real TLS: the token endpoint (JSON, form, Basic; Auth0's errors), JWKS and
// discovery, key rotation, every fault, request counts, trust, and PyJWT interop.
#include <jwtcheck/testing/local_tenant.hpp>

#include "keys/key_data.hpp"
#include "base64url.hpp"
#include "crypto/key_verifier.hpp"
#include "testing/testing_support.hpp"

#include <boost/test/unit_test.hpp>

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

using namespace jwtcheck;
using namespace jwtcheck::testing;
using jwtcheck::testing::test::test_key;
using jwtcheck::testing::test::token_segment;

namespace {

constexpr const char* kDemoAudience = "https://api.jwtcheck.test";

rapidjson::Document parse_object(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(), "not a JSON object: " << json.substr(0, 300));
  return doc;
}

std::string text(const rapidjson::Value& object, const char* name) {
  BOOST_REQUIRE_MESSAGE(object.HasMember(name) && object[name].IsString(), "missing string member " << name);
  return object[name].GetString();
}

std::unique_ptr<LocalTenant> start_tenant(LocalTenantOptions options = {}) {
  // An RS256 tenant like Auth0's, with a pre-made key: generating RSA keys is slow.
  if (!options.first_key && options.alg == Alg::RS256) options.first_key = test_key(Alg::RS256, "first-kid");
  auto tenant = LocalTenant::start(std::move(options));
  BOOST_REQUIRE_MESSAGE(tenant.ok(), (tenant.ok() ? std::string() : tenant.error().message));
  return std::move(*tenant);
}

std::unique_ptr<httplib::SSLClient> trusted_client(const LocalTenant& tenant) {
  auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", tenant.port());
  client->set_ca_cert_path(tenant.ca_cert_path());
  client->enable_server_certificate_verification(true);
  client->set_connection_timeout(5);
  client->set_read_timeout(10);
  return client;
}

std::string json_body(const std::vector<std::pair<const char*, std::string>>& members) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  for (const auto& [name, value] : members) {
    writer.Key(name);
    writer.String(value);
  }
  writer.EndObject();
  return buffer.GetString();
}

std::string token_request(const TenantClient& client, const std::string& audience = kDemoAudience) {
  return json_body({{"client_id", client.client_id},
                    {"client_secret", client.client_secret},
                    {"audience", audience},
                    {"grant_type", "client_credentials"}});
}

httplib::Result post_json(const LocalTenant& tenant, const std::string& body) {
  return trusted_client(tenant)->Post("/oauth/token", body, "application/json");
}

httplib::Result get(const LocalTenant& tenant, const std::string& path) { return trusted_client(tenant)->Get(path); }

void expect_oauth_error(const httplib::Result& result, int status, const std::string& error,
                        const std::string& description_part) {
  BOOST_REQUIRE_MESSAGE(result, "no response: " << httplib::to_string(result.error()));
  BOOST_TEST(result->status == status);
  const auto body = parse_object(result->body);
  BOOST_TEST(text(body, "error") == error);
  BOOST_TEST(text(body, "error_description").find(description_part) != std::string::npos,
             text(body, "error_description"));
}

// A token from the endpoint, checked to be a 200 answer.
rapidjson::Document issued(const httplib::Result& result) {
  BOOST_REQUIRE_MESSAGE(result, "no response: " << httplib::to_string(result.error()));
  BOOST_REQUIRE_MESSAGE(result->status == 200, result->status << " " << result->body);
  return parse_object(result->body);
}

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string form_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Milliseconds since `start`.
long long elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

bool signed_by(const std::string& token, const SigningKey& key) {
  auto verification = key.verification_key();
  BOOST_REQUIRE(verification.ok());
  const std::string signature = token_segment(token, 2);
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  return jwtcheck::detail::verify_signature_once(jwtcheck::detail::key_data(*verification), key.alg(), token.substr(0, token.rfind('.')),
                                            {bytes, signature.size()});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_tenant)

BOOST_AUTO_TEST_CASE(urls_follow_the_bound_port_and_the_ca_file_is_written) {
  auto tenant = start_tenant();
  const std::string port = std::to_string(tenant->port());
  BOOST_TEST(tenant->port() != 0);
  BOOST_TEST(tenant->domain() == "127.0.0.1:" + port);
  BOOST_TEST(tenant->base_url() == "https://127.0.0.1:" + port);
  BOOST_TEST(tenant->issuer() == tenant->base_url() + "/");
  BOOST_TEST(tenant->token_url() == tenant->base_url() + "/oauth/token");
  BOOST_TEST(tenant->jwks_url() == tenant->base_url() + "/.well-known/jwks.json");
  BOOST_TEST(tenant->discovery_url() == tenant->base_url() + "/.well-known/openid-configuration");
  BOOST_TEST(jwtcheck::testing::test::read_file(tenant->ca_cert_path()).find("-----BEGIN CERTIFICATE-----") == 0u);
  BOOST_REQUIRE(tenant->clients().size() == 1u);
  BOOST_TEST(tenant->clients()[0].client_id == "jwtcheck-demo-client");
  BOOST_TEST(tenant->clients()[0].client_secret.size() >= 32u);
  BOOST_TEST(tenant->clients()[0].audience_scopes.at(kDemoAudience) == "read:reports write:reports");
}

BOOST_AUTO_TEST_CASE(demo_clients_get_fresh_secrets) {
  BOOST_TEST(demo_client().client_secret != demo_client().client_secret);
}

BOOST_AUTO_TEST_CASE(the_temp_state_dir_goes_on_stop_and_a_given_one_stays) {
  auto tenant = start_tenant();
  const std::filesystem::path temp_ca = tenant->ca_cert_path();
  BOOST_TEST(std::filesystem::exists(temp_ca));
  tenant->stop();
  BOOST_TEST(!std::filesystem::exists(temp_ca.parent_path()));

  jwtcheck::testing::test::TempDir dir;
  LocalTenantOptions options;
  options.state_dir = (dir.path() / "state").string();
  auto kept = start_tenant(options);
  BOOST_TEST(kept->ca_cert_path() == (dir.path() / "state" / "ca.pem").string());
  kept.reset();
  BOOST_TEST(std::filesystem::exists(dir.path() / "state" / "ca.pem"));
}

BOOST_AUTO_TEST_CASE(token_request_issues_an_auth0_shaped_access_token) {
  auto tenant = start_tenant();
  const TenantClient client = tenant->clients()[0];
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  const auto answer = issued(post_json(*tenant, token_request(client)));
  BOOST_TEST(text(answer, "token_type") == "Bearer");
  BOOST_TEST(answer["expires_in"].GetInt64() == 86400);
  BOOST_TEST(text(answer, "scope") == "read:reports write:reports");

  const std::string token = text(answer, "access_token");
  const auto header = parse_object(token_segment(token, 0));
  BOOST_TEST(text(header, "alg") == "RS256");
  BOOST_TEST(text(header, "typ") == "JWT");
  BOOST_TEST(text(header, "kid") == "first-kid");
  const auto claims = parse_object(token_segment(token, 1));
  BOOST_TEST(text(claims, "iss") == tenant->issuer());
  BOOST_TEST(text(claims, "sub") == "jwtcheck-demo-client@clients");
  BOOST_TEST(text(claims, "aud") == kDemoAudience);
  BOOST_TEST(text(claims, "azp") == "jwtcheck-demo-client");
  BOOST_TEST(text(claims, "gty") == "client-credentials");
  BOOST_TEST(text(claims, "scope") == "read:reports write:reports");
  BOOST_TEST(claims["iat"].GetInt64() >= before);
  BOOST_TEST(claims["exp"].GetInt64() == claims["iat"].GetInt64() + 86400);
  BOOST_TEST(signed_by(token, tenant->current_key()));
}

BOOST_AUTO_TEST_CASE(requested_scopes_are_narrowed_to_the_grant) {
  auto tenant = start_tenant();
  const TenantClient client = tenant->clients()[0];
  const auto answer = issued(post_json(*tenant, json_body({{"client_id", client.client_id},
                                                           {"client_secret", client.client_secret},
                                                           {"audience", kDemoAudience},
                                                           {"scope", "delete:all write:reports"},
                                                           {"grant_type", "client_credentials"}})));
  BOOST_TEST(text(answer, "scope") == "write:reports");
  BOOST_TEST(text(parse_object(token_segment(text(answer, "access_token"), 1)), "scope") == "write:reports");
}

BOOST_AUTO_TEST_CASE(a_wrong_secret_or_unknown_client_is_401_unauthorized) {
  auto tenant = start_tenant();
  TenantClient client = tenant->clients()[0];
  client.client_secret += "x";
  expect_oauth_error(post_json(*tenant, token_request(client)), 401, "access_denied", "Unauthorized");
  client.client_secret = tenant->clients()[0].client_secret.substr(1);
  expect_oauth_error(post_json(*tenant, token_request(client)), 401, "access_denied", "Unauthorized");
  client = tenant->clients()[0];
  client.client_id = "someone-else";
  expect_oauth_error(post_json(*tenant, token_request(client)), 401, "access_denied", "Unauthorized");
  const auto no_secret = json_body({{"client_id", client.client_id}, {"audience", kDemoAudience},
                                    {"grant_type", "client_credentials"}});
  expect_oauth_error(post_json(*tenant, no_secret), 401, "access_denied", "Unauthorized");
}

BOOST_AUTO_TEST_CASE(an_audience_without_a_client_grant_is_403) {
  auto tenant = start_tenant();
  expect_oauth_error(post_json(*tenant, token_request(tenant->clients()[0], "https://other.api")), 403,
                     "access_denied",
                     "Client is not authorized to access \"https://other.api\". You need to create a \"client-grant\"");
}

// Test parameters (issue 23: serve could not mint a token for another audience, an expired token
// or a token without a scope).
BOOST_AUTO_TEST_CASE(test_parameters_shape_tokens_for_any_audience) {
  LocalTenantOptions options;
  options.test_token_parameters = true;
  auto tenant = start_tenant(std::move(options));
  const TenantClient client = tenant->clients()[0];
  const auto request = [&](std::initializer_list<std::pair<const char*, std::string>> extra) {
    std::vector<std::pair<const char*, std::string>> members = {{"client_id", client.client_id},
                                                                {"client_secret", client.client_secret},
                                                                {"grant_type", "client_credentials"}};
    members.insert(members.end(), extra.begin(), extra.end());
    return post_json(*tenant, json_body(members));
  };
  const auto claims_of = [](const rapidjson::Document& answer) {
    return parse_object(token_segment(text(answer, "access_token"), 1));
  };

  // Another audience, already expired, no scope, a subject of its own and an extra claim.
  const auto answer = issued(request({{"audience", "https://other.api"},
                                      {"test_expires_in", "-60"},
                                      {"test_scope", ""},
                                      {"test_subject", "someone@else"},
                                      {"test_claims", R"({"org_id":"o-1"})"}}));
  const auto claims = claims_of(answer);
  BOOST_TEST(text(claims, "aud") == "https://other.api");
  BOOST_TEST(text(claims, "sub") == "someone@else");
  BOOST_TEST(text(claims, "org_id") == "o-1");
  BOOST_TEST(!claims.HasMember("scope"));
  BOOST_REQUIRE(claims["exp"].IsInt64() && claims["iat"].IsInt64());
  BOOST_TEST(claims["exp"].GetInt64() - claims["iat"].GetInt64() == -60);

  // An exact scope set that the grant does not hold.
  const auto scoped = claims_of(issued(request({{"audience", kDemoAudience}, {"test_scope", "admin read:reports"}})));
  BOOST_TEST(text(scoped, "scope") == "admin read:reports");

  // Bad test parameters are 400s that say which.
  expect_oauth_error(request({{"audience", kDemoAudience}, {"test_expires_in", "soon"}}), 400, "invalid_request",
                     "test_expires_in");
  expect_oauth_error(request({{"audience", kDemoAudience}, {"test_claims", "[1]"}}), 400, "invalid_request",
                     "test_claims");
  expect_oauth_error(request({{"test_scope", "x"}}), 400, "invalid_request", "audience");
  // Client authentication still comes first.
  expect_oauth_error(post_json(*tenant, json_body({{"client_id", client.client_id},
                                                   {"client_secret", "wrong"},
                                                   {"audience", kDemoAudience},
                                                   {"test_expires_in", "60"},
                                                   {"grant_type", "client_credentials"}})),
                     401, "access_denied", "Unauthorized");
}

BOOST_AUTO_TEST_CASE(test_parameters_are_refused_unless_the_tenant_allows_them) {
  auto tenant = start_tenant();
  const TenantClient client = tenant->clients()[0];
  expect_oauth_error(post_json(*tenant, json_body({{"client_id", client.client_id},
                                                   {"client_secret", client.client_secret},
                                                   {"audience", "https://other.api"},
                                                   {"test_expires_in", "60"},
                                                   {"grant_type", "client_credentials"}})),
                     400, "invalid_request", "test_* parameters are accepted only by a test tenant");
}

BOOST_AUTO_TEST_CASE(malformed_requests_are_400_with_auth0s_error_names) {
  auto tenant = start_tenant();
  const TenantClient c = tenant->clients()[0];
  expect_oauth_error(post_json(*tenant, "{\"client_id\":"), 400, "invalid_request", "JSON");
  expect_oauth_error(post_json(*tenant, "[]"), 400, "invalid_request", "JSON");
  expect_oauth_error(post_json(*tenant, R"({"grant_type":"client_credentials","client_id":1})"), 400,
                     "invalid_request", "string");
  expect_oauth_error(post_json(*tenant, std::string(20000, '[')), 400, "invalid_request", "JSON");
  expect_oauth_error(post_json(*tenant, json_body({{"client_id", c.client_id}, {"client_secret", c.client_secret}})),
                     400, "invalid_request", "grant_type");
  expect_oauth_error(post_json(*tenant, json_body({{"client_id", c.client_id},
                                                   {"client_secret", c.client_secret},
                                                   {"grant_type", "password"}})),
                     400, "unsupported_grant_type", "password");
  expect_oauth_error(post_json(*tenant, json_body({{"client_secret", c.client_secret},
                                                   {"grant_type", "client_credentials"}})),
                     400, "invalid_request", "client_id");
  expect_oauth_error(trusted_client(*tenant)->Post("/oauth/token", token_request(c), "text/plain"), 400,
                     "invalid_request", "text/plain");
  expect_oauth_error(trusted_client(*tenant)->Post("/oauth/token", "a=%zz&grant_type=client_credentials",
                                                   "application/x-www-form-urlencoded"),
                     400, "invalid_request", "form");
  expect_oauth_error(trusted_client(*tenant)->Post("/oauth/token", "grant_type=a&grant_type=b",
                                                   "application/x-www-form-urlencoded"),
                     400, "invalid_request", "form");
}

BOOST_AUTO_TEST_CASE(oversized_request_bodies_are_refused) {
  auto tenant = start_tenant();
  const auto result = post_json(*tenant, "{\"pad\":\"" + std::string(100 * 1024, 'x') + "\"}");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 413);
}

BOOST_AUTO_TEST_CASE(form_bodies_and_basic_auth_are_accepted) {
  auto tenant = start_tenant();
  const TenantClient c = tenant->clients()[0];
  const std::string form = "grant_type=client_credentials&client_id=" + c.client_id + "&client_secret=" +
                           form_encode(c.client_secret) + "&audience=https%3A%2F%2Fapi.jwtcheck.test" +
                           "&scope=read%3Areports";
  const auto by_form =
      issued(trusted_client(*tenant)->Post("/oauth/token", form, "application/x-www-form-urlencoded; charset=utf-8"));
  BOOST_TEST(text(by_form, "scope") == "read:reports");

  auto basic = trusted_client(*tenant);
  basic->set_basic_auth(c.client_id, c.client_secret);
  const auto by_basic = issued(basic->Post("/oauth/token", "grant_type=client_credentials&audience=" +
                                                               form_encode(kDemoAudience),
                                           "application/x-www-form-urlencoded"));
  BOOST_TEST(text(parse_object(token_segment(text(by_basic, "access_token"), 1)), "sub") ==
             "jwtcheck-demo-client@clients");
}

BOOST_AUTO_TEST_CASE(basic_auth_errors) {
  auto tenant = start_tenant();
  const TenantClient c = tenant->clients()[0];
  const std::string body = "grant_type=client_credentials&audience=" + form_encode(kDemoAudience);
  auto wrong = trusted_client(*tenant);
  wrong->set_basic_auth(c.client_id, "nope");
  expect_oauth_error(wrong->Post("/oauth/token", body, "application/x-www-form-urlencoded"), 401, "access_denied",
                     "Unauthorized");
  const httplib::Headers garbage{{"Authorization", "Basic !!!not-base64"}};
  expect_oauth_error(trusted_client(*tenant)->Post("/oauth/token", garbage, body, "application/x-www-form-urlencoded"),
                     401, "access_denied", "Unauthorized");
  auto both = trusted_client(*tenant);
  both->set_basic_auth(c.client_id, c.client_secret);
  expect_oauth_error(both->Post("/oauth/token", body + "&client_secret=" + c.client_secret,
                                "application/x-www-form-urlencoded"),
                     400, "invalid_request", "one client authentication method");
}

BOOST_AUTO_TEST_CASE(no_audience_gets_an_opaque_token_or_403) {
  auto tenant = start_tenant();
  const TenantClient c = tenant->clients()[0];
  const std::string no_audience = json_body(
      {{"client_id", c.client_id}, {"client_secret", c.client_secret}, {"grant_type", "client_credentials"}});
  const auto opaque = issued(post_json(*tenant, no_audience));
  const std::string token = text(opaque, "access_token");
  BOOST_TEST(token.size() >= 32u);
  BOOST_TEST(token.find('.') == std::string::npos);  // not a JWS
  BOOST_TEST(text(opaque, "token_type") == "Bearer");

  LocalTenantOptions options;
  options.opaque_token_without_audience = false;
  options.clients = {c};
  auto strict = start_tenant(options);
  expect_oauth_error(post_json(*strict, no_audience), 403, "access_denied", "No audience");
}

BOOST_AUTO_TEST_CASE(options_choose_clients_lifetime_and_alg) {
  LocalTenantOptions options;
  options.alg = Alg::ES384;
  options.token_lifetime = std::chrono::seconds(60);
  options.clients = {TenantClient{"m2m", "s3cret", {{"urn:a", "x y"}, {"urn:b", ""}}, {}, {}}};
  auto tenant = start_tenant(options);
  const auto a = issued(post_json(*tenant, token_request(options.clients[0], "urn:a")));
  BOOST_TEST(a["expires_in"].GetInt64() == 60);
  const std::string token = text(a, "access_token");
  BOOST_TEST(text(parse_object(token_segment(token, 0)), "alg") == "ES384");
  const auto claims = parse_object(token_segment(token, 1));
  BOOST_TEST(claims["exp"].GetInt64() - claims["iat"].GetInt64() == 60);
  BOOST_TEST(signed_by(token, tenant->current_key()));
  const auto b = issued(post_json(*tenant, token_request(options.clients[0], "urn:b")));
  BOOST_TEST(!b.HasMember("scope"));  // a grant without scopes
  BOOST_TEST(!parse_object(token_segment(text(b, "access_token"), 1)).HasMember("scope"));
}

BOOST_AUTO_TEST_CASE(jwks_serves_the_public_keys_with_cache_control) {
  auto tenant = start_tenant();
  const auto result = get(*tenant, "/.well-known/jwks.json");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 200);
  BOOST_TEST(result->get_header_value("Cache-Control") == "public, max-age=600");
  BOOST_TEST(result->get_header_value("Content-Type") == "application/json");
  const auto jwks = parse_object(result->body);
  BOOST_REQUIRE(jwks["keys"].IsArray());
  BOOST_REQUIRE(jwks["keys"].Size() == 1u);
  BOOST_TEST(text(jwks["keys"][0], "kid") == "first-kid");
  BOOST_TEST(text(jwks["keys"][0], "kty") == "RSA");
  BOOST_TEST(!jwks["keys"][0].HasMember("d"));
  BOOST_TEST(result->body == jwks_json(tenant->published_keys()));

  tenant->set_jwks_cache_control("no-store");
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->get_header_value("Cache-Control") == "no-store");
  tenant->set_jwks_cache_control("");
  BOOST_TEST(!get(*tenant, "/.well-known/jwks.json")->has_header("Cache-Control"));
}

BOOST_AUTO_TEST_CASE(hs_tenant_never_publishes_its_secret) {
  LocalTenantOptions options;
  options.alg = Alg::HS256;
  auto tenant = start_tenant(options);
  const auto result = get(*tenant, "/.well-known/jwks.json");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 200);
  BOOST_TEST(result->body == R"({"keys":[]})");
  const std::string secret(tenant->current_key().hmac_secret());
  BOOST_REQUIRE(!secret.empty());
  BOOST_TEST(result->body.find(jwtcheck::detail::base64url_encode(secret)) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(discovery_names_the_tenants_endpoints) {
  auto tenant = start_tenant();
  const auto result = get(*tenant, "/.well-known/openid-configuration");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 200);
  const auto doc = parse_object(result->body);
  BOOST_TEST(text(doc, "issuer") == tenant->issuer());
  BOOST_TEST(text(doc, "token_endpoint") == tenant->token_url());
  BOOST_TEST(text(doc, "jwks_uri") == tenant->jwks_url());
  BOOST_REQUIRE(doc["grant_types_supported"].IsArray());
  BOOST_TEST(std::string(doc["grant_types_supported"][0].GetString()) == "client_credentials");
  BOOST_TEST(std::string(doc["id_token_signing_alg_values_supported"][0].GetString()) == "RS256");
}

BOOST_AUTO_TEST_CASE(unknown_paths_are_404_and_counted_as_other) {
  auto tenant = start_tenant();
  const auto result = get(*tenant, "/nothing/here");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 404);
  BOOST_TEST(trusted_client(*tenant)->Get("/oauth/token")->status == 404);
  BOOST_TEST(tenant->counts().other == 2);
}

BOOST_AUTO_TEST_CASE(rotation_publishes_both_keys_then_drop_keeps_the_new_one) {
  LocalTenantOptions options;
  options.alg = Alg::ES256;
  auto tenant = start_tenant(options);
  const TenantClient c = tenant->clients()[0];
  const std::string old_kid(tenant->current_key().kid());
  const std::string old_token = text(issued(post_json(*tenant, token_request(c))), "access_token");

  const std::string new_kid = tenant->rotate_key();
  BOOST_TEST(!new_kid.empty());
  BOOST_TEST(new_kid != old_kid);
  BOOST_TEST(tenant->current_key().kid() == new_kid);
  auto jwks = parse_object(get(*tenant, "/.well-known/jwks.json")->body);
  BOOST_REQUIRE(jwks["keys"].Size() == 2u);
  BOOST_TEST(text(jwks["keys"][0], "kid") == old_kid);
  BOOST_TEST(text(jwks["keys"][1], "kid") == new_kid);

  const std::string new_token = text(issued(post_json(*tenant, token_request(c))), "access_token");
  BOOST_TEST(text(parse_object(token_segment(new_token, 0)), "kid") == new_kid);
  BOOST_TEST(signed_by(new_token, tenant->current_key()));
  BOOST_TEST(!signed_by(old_token, tenant->current_key()));

  tenant->drop_old_keys();
  jwks = parse_object(get(*tenant, "/.well-known/jwks.json")->body);
  BOOST_REQUIRE(jwks["keys"].Size() == 1u);
  BOOST_TEST(text(jwks["keys"][0], "kid") == new_kid);
  BOOST_TEST(tenant->published_keys().size() == 1u);
}

BOOST_AUTO_TEST_CASE(mint_signs_with_the_current_key_and_fills_the_issuer) {
  auto tenant = start_tenant();
  Auth0Claims claims;
  claims.client_id = "direct";
  claims.audiences = {"urn:x"};
  auto token = tenant->mint(claims);
  BOOST_REQUIRE(token.ok());
  BOOST_TEST(text(parse_object(token_segment(*token, 1)), "iss") == tenant->issuer());
  BOOST_TEST(text(parse_object(token_segment(*token, 0)), "kid") == "first-kid");
  BOOST_TEST(signed_by(*token, tenant->current_key()));
  claims.extra_claims_json = "{";
  auto bad = tenant->mint(claims);
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.error().code == ErrorCode::invalid_json);
}

BOOST_AUTO_TEST_CASE(counts_every_request_per_endpoint) {
  auto tenant = start_tenant();
  const TenantClient c = tenant->clients()[0];
  (void)post_json(*tenant, token_request(c));
  (void)post_json(*tenant, "garbage");
  (void)get(*tenant, "/.well-known/jwks.json");
  (void)get(*tenant, "/.well-known/openid-configuration");
  (void)get(*tenant, "/elsewhere");
  RequestCounts counts = tenant->counts();
  BOOST_TEST(counts.token == 2);
  BOOST_TEST(counts.jwks == 1);
  BOOST_TEST(counts.discovery == 1);
  BOOST_TEST(counts.other == 1);
  tenant->reset_counts();
  counts = tenant->counts();
  BOOST_TEST(counts.token + counts.jwks + counts.discovery + counts.other == 0);
}

BOOST_AUTO_TEST_CASE(concurrent_clients_all_get_tokens) {
  auto tenant = start_tenant();
  const TenantClient c = tenant->clients()[0];
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      auto client = trusted_client(*tenant);
      for (int i = 0; i < 5; ++i) {
        auto result = client->Post("/oauth/token", token_request(c), "application/json");
        if (result && result->status == 200) ++ok;
      }
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(ok.load() == 20);
  BOOST_TEST(tenant->counts().token == 20);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(local_tenant_faults)

BOOST_AUTO_TEST_CASE(http_500_applies_the_given_number_of_times) {
  auto tenant = start_tenant();
  tenant->add_fault({Fault::Kind::http_500, Endpoint::jwks, 2});
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 500);
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 500);
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 200);
  BOOST_TEST(tenant->counts().jwks == 3);
}

BOOST_AUTO_TEST_CASE(http_429_sends_retry_after) {
  auto tenant = start_tenant();
  Fault fault{Fault::Kind::http_429, Endpoint::token, 1};
  fault.retry_after_seconds = 7;
  tenant->add_fault(fault);
  const auto limited = post_json(*tenant, token_request(tenant->clients()[0]));
  expect_oauth_error(limited, 429, "too_many_requests", "limit");
  BOOST_TEST(limited->get_header_value("Retry-After") == "7");
  BOOST_TEST(limited->get_header_value("X-RateLimit-Remaining") == "0");
  BOOST_TEST(post_json(*tenant, token_request(tenant->clients()[0]))->status == 200);
}

BOOST_AUTO_TEST_CASE(invalid_json_is_a_200_with_a_broken_body) {
  auto tenant = start_tenant();
  tenant->add_fault({Fault::Kind::invalid_json, Endpoint::discovery, 1});
  const auto result = get(*tenant, "/.well-known/openid-configuration");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 200);
  rapidjson::Document doc;
  doc.Parse(result->body.c_str());
  BOOST_TEST(doc.HasParseError());
}

BOOST_AUTO_TEST_CASE(oversized_body_is_past_two_mebibytes) {
  auto tenant = start_tenant();
  tenant->add_fault({Fault::Kind::oversized_body, Endpoint::jwks, 1});
  const auto result = get(*tenant, "/.well-known/jwks.json");
  BOOST_REQUIRE(result);
  BOOST_TEST(result->status == 200);
  BOOST_TEST(result->body.size() > 2u * 1024 * 1024);
}

BOOST_AUTO_TEST_CASE(delay_holds_the_answer_back) {
  auto tenant = start_tenant();
  Fault fault{Fault::Kind::delay, Endpoint::jwks, 1};
  fault.delay = std::chrono::milliseconds(400);
  tenant->add_fault(fault);
  auto client = trusted_client(*tenant);
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST(client->Get("/.well-known/jwks.json")->status == 200);
  BOOST_TEST(elapsed_ms(started) >= 400);
  BOOST_TEST(client->Get("/.well-known/jwks.json")->status == 200);  // (times = 1: see tenant_internals)
}

BOOST_AUTO_TEST_CASE(a_delay_then_a_500_combine_on_one_request) {
  auto tenant = start_tenant();
  Fault delay{Fault::Kind::delay, Endpoint::any, 1};
  delay.delay = std::chrono::milliseconds(200);
  tenant->add_fault(delay);
  tenant->add_fault({Fault::Kind::http_500, Endpoint::any, 1});
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 500);
  BOOST_TEST(elapsed_ms(started) >= 200);
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 200);
}

BOOST_AUTO_TEST_CASE(drop_connection_closes_without_an_answer) {
  auto tenant = start_tenant();
  tenant->add_fault({Fault::Kind::drop_connection, Endpoint::token, 1});
  const auto dropped = post_json(*tenant, token_request(tenant->clients()[0]));
  BOOST_TEST(!dropped);
  BOOST_TEST(dropped.error() != httplib::Error::Success);
  BOOST_TEST(dropped.error() != httplib::Error::SSLServerVerification);
  BOOST_TEST(post_json(*tenant, token_request(tenant->clients()[0]))->status == 200);
  BOOST_TEST(tenant->counts().token == 2);
}

BOOST_AUTO_TEST_CASE(faults_apply_in_order_to_their_endpoint_only) {
  auto tenant = start_tenant();
  tenant->add_fault({Fault::Kind::http_500, Endpoint::jwks, 1});
  tenant->add_fault({Fault::Kind::http_429, Endpoint::jwks, 1});
  tenant->add_fault({Fault::Kind::invalid_json, Endpoint::token, 1});
  BOOST_TEST(get(*tenant, "/.well-known/openid-configuration")->status == 200);
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 500);
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 429);
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 200);
  const auto token = post_json(*tenant, token_request(tenant->clients()[0]));
  BOOST_TEST(token->status == 200);
  BOOST_TEST(token->body.find("access_token") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(unlimited_faults_last_until_cleared) {
  auto tenant = start_tenant();
  tenant->add_fault({Fault::Kind::http_500, Endpoint::any, -1});
  for (int i = 0; i < 3; ++i) BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 500);
  BOOST_TEST(post_json(*tenant, token_request(tenant->clients()[0]))->status == 500);
  tenant->clear_faults();
  BOOST_TEST(get(*tenant, "/.well-known/jwks.json")->status == 200);
}

BOOST_AUTO_TEST_CASE(stop_wakes_a_delayed_request_and_wait_returns) {
  auto tenant = start_tenant();
  Fault fault{Fault::Kind::delay, Endpoint::jwks, -1};
  fault.delay = std::chrono::seconds(60);
  tenant->add_fault(fault);
  std::thread slow([&] { (void)get(*tenant, "/.well-known/jwks.json"); });
  BOOST_TEST_REQUIRE(tenant->wait_for_requests(Endpoint::jwks, 1, std::chrono::milliseconds(10000)));
  const auto started = std::chrono::steady_clock::now();
  std::thread stopper([&] { tenant->stop(); });
  tenant->wait();
  stopper.join();
  slow.join();
  BOOST_TEST(elapsed_ms(started) < 20000);
  BOOST_TEST(!trusted_client(*tenant)->Get("/.well-known/jwks.json"));  // nothing listens any more
  tenant->stop();  // idempotent
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(local_tenant_trust)

BOOST_AUTO_TEST_CASE(a_client_without_the_ca_refuses_the_certificate) {
  auto tenant = start_tenant();
  httplib::SSLClient untrusted("127.0.0.1", tenant->port());
  untrusted.enable_server_certificate_verification(true);
  const auto result = untrusted.Get("/.well-known/jwks.json");
  BOOST_TEST(!result);
  BOOST_TEST(result.error() == httplib::Error::SSLServerVerification);
  BOOST_TEST(tenant->counts().jwks == 0);

  const auto python = jwtcheck::testing::test::run_python_script("tenant_interop.py", {"untrusted", tenant->jwks_url()});
  BOOST_TEST(python.exit_code == 0, python.output);
  BOOST_TEST(python.output.find("TLS_REJECTED") != std::string::npos, python.output);
}

BOOST_AUTO_TEST_CASE(the_certificate_is_valid_for_localhost_too) {
  auto tenant = start_tenant();
  httplib::SSLClient by_name("localhost", tenant->port());
  by_name.set_ca_cert_path(tenant->ca_cert_path());
  by_name.enable_server_certificate_verification(true);
  const auto result = by_name.Get("/.well-known/jwks.json");
  BOOST_REQUIRE_MESSAGE(result, httplib::to_string(result.error()));
  BOOST_TEST(result->status == 200);
}

BOOST_AUTO_TEST_CASE(another_tenants_ca_is_not_trusted) {
  auto tenant = start_tenant();
  LocalTenantOptions other_options;
  other_options.alg = Alg::ES256;
  auto other = start_tenant(other_options);
  httplib::SSLClient client("127.0.0.1", tenant->port());
  client.set_ca_cert_path(other->ca_cert_path());
  client.enable_server_certificate_verification(true);
  const auto result = client.Get("/.well-known/jwks.json");
  BOOST_TEST(!result);
  BOOST_TEST(result.error() == httplib::Error::SSLServerVerification);
}

BOOST_AUTO_TEST_CASE(pyjwt_fetches_a_token_and_verifies_it_through_the_jwks) {
  for (Alg alg : {Alg::RS256, Alg::ES256, Alg::EdDSA}) {
    LocalTenantOptions options;
    options.alg = alg;
    auto tenant = start_tenant(options);
    const TenantClient c = tenant->clients()[0];
    const auto result = jwtcheck::testing::test::run_python_script(
        "tenant_interop.py", {"verify", tenant->base_url(), tenant->ca_cert_path(), c.client_id, c.client_secret,
                              kDemoAudience, std::string(alg_name(alg))});
    BOOST_TEST_REQUIRE(result.exit_code == 0, alg_name(alg) << ": " << result.output);
    const auto claims = parse_object(result.output);
    BOOST_TEST(text(claims, "iss") == tenant->issuer());
    BOOST_TEST(text(claims, "sub") == c.client_id + "@clients");
    const RequestCounts counts = tenant->counts();
    BOOST_TEST(counts.token == 1);
    BOOST_TEST(counts.discovery == 1);
    BOOST_TEST(counts.jwks == 1);
  }
}

BOOST_AUTO_TEST_SUITE_END()
