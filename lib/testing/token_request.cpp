#include "testing/token_request.hpp"

#include "testing/form_urlencoded.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace jwtcheck::testing::detail {

namespace {

using Fields = std::map<std::string, std::string>;
constexpr std::size_t kMaxAuthorizationBytes = 4096;

OAuthFailure invalid_request(std::string description) { return {400, "invalid_request", std::move(description)}; }
OAuthFailure unauthorized() { return {401, "access_denied", "Unauthorized"}; }

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  while (!content_type.empty() && content_type.back() == ' ') content_type.remove_suffix(1);
  return content_type;
}

std::optional<Fields> parse_json_fields(std::string_view body) {
  rapidjson::Document doc;
  // Iterative: a deeply nested body must not recurse on the server's stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  Fields fields;
  for (const auto& member : doc.GetObject()) {
    if (!member.value.IsString()) return std::nullopt;
    std::string name(member.name.GetString(), member.name.GetStringLength());
    if (!fields.emplace(std::move(name), std::string(member.value.GetString(), member.value.GetStringLength())).second)
      return std::nullopt;
  }
  return fields;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (length < 0) return std::nullopt;
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  out.resize(static_cast<std::size_t>(length) - padding);
  return out;
}

// RFC 6749 §2.3.1: Basic credentials are form-urlencoded, then base64.
std::optional<std::pair<std::string, std::string>> basic_credentials(std::string_view authorization) {
  constexpr std::string_view scheme = "basic ";
  if (authorization.size() > kMaxAuthorizationBytes || !iequals(authorization.substr(0, scheme.size()), scheme))
    return std::nullopt;
  auto decoded = base64_decode(authorization.substr(scheme.size()));
  if (!decoded) return std::nullopt;
  const std::size_t colon = decoded->find(':');
  std::optional<std::string> id, secret;
  if (colon != std::string::npos) {
    id = form_decode(std::string_view(*decoded).substr(0, colon));
    secret = form_decode(std::string_view(*decoded).substr(colon + 1));
  }
  OPENSSL_cleanse(decoded->data(), decoded->size());
  if (!id || !secret) return std::nullopt;
  return std::pair{std::move(*id), std::move(*secret)};
}

std::optional<std::string> take(Fields& fields, const std::string& name) {
  auto it = fields.find(name);
  if (it == fields.end()) return std::nullopt;
  std::string value = std::move(it->second);
  fields.erase(it);
  return value;
}

std::variant<Fields, OAuthFailure> body_fields(std::string_view content_type, std::string_view body) {
  const std::string_view type = media_type(content_type);
  std::optional<Fields> fields;
  if (iequals(type, "application/json")) {
    fields = parse_json_fields(body);
    if (!fields) return invalid_request("Expected a JSON object of string parameters as the request body");
  } else if (iequals(type, "application/x-www-form-urlencoded")) {
    fields = parse_form(body);
    if (!fields) return invalid_request("Malformed or repeated parameter in the form body");
  } else {
    return invalid_request("Expected Content-Type application/json or application/x-www-form-urlencoded, got \"" +
                           std::string(type.substr(0, 100)) + "\"");
  }
  return std::move(*fields);
}

}  // namespace

std::variant<TokenRequest, OAuthFailure> parse_token_request(std::string_view content_type, std::string_view body,
                                                             std::string_view authorization,
                                                             bool allow_certificate_auth) {
  auto parsed = body_fields(content_type, body);
  if (auto* failure = std::get_if<OAuthFailure>(&parsed)) return std::move(*failure);
  Fields& fields = std::get<Fields>(parsed);

  const auto grant_type = take(fields, "grant_type");
  if (!grant_type) return invalid_request("Missing required parameter: grant_type");
  if (*grant_type != "client_credentials")
    return OAuthFailure{400, "unsupported_grant_type", "Unsupported grant type: " + grant_type->substr(0, 100)};

  TokenRequest request;
  auto body_id = take(fields, "client_id");
  auto body_secret = take(fields, "client_secret");
  if (!authorization.empty()) {
    auto basic = basic_credentials(authorization);
    if (!basic) return unauthorized();
    if (body_secret) return invalid_request("Use one client authentication method, not both Basic and client_secret");
    if (body_id && *body_id != basic->first) return invalid_request("client_id differs from the Basic credentials");
    body_id = std::move(basic->first);
    body_secret = std::move(basic->second);
  }
  auto assertion_type = take(fields, "client_assertion_type");
  auto assertion = take(fields, "client_assertion");
  if (assertion_type || assertion) {
    if (body_secret) return invalid_request("Use one client authentication method, not both a secret and an assertion");
    if (assertion_type != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return invalid_request("Expected client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    if (!assertion || assertion->empty() || assertion->size() > 16 * 1024)
      return invalid_request("Expected a client_assertion of at most 16384 bytes");
    if (!body_id || body_id->empty()) return invalid_request("Missing required parameter: client_id");
    request.client_id = std::move(*body_id);
    request.client_assertion = std::move(*assertion);
  } else {
    if (!body_id || body_id->empty()) return invalid_request("Missing required parameter: client_id");
    if (!body_secret && authorization.empty() && allow_certificate_auth) {
      request.client_id = std::move(*body_id);
      request.certificate_auth = true;
    } else {
      if (!body_secret || body_secret->empty()) return unauthorized();
      request.client_id = std::move(*body_id);
      request.client_secret = std::move(*body_secret);
    }
  }
  request.audience = take(fields, "audience");
  request.scope = take(fields, "scope");
  request.test_expires_in = take(fields, "test_expires_in");
  request.test_scope = take(fields, "test_scope");
  request.test_subject = take(fields, "test_subject");
  request.test_claims = take(fields, "test_claims");
  return request;
}

}  // namespace jwtcheck::testing::detail
