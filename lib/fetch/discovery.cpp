#include "fetch/discovery.hpp"

#include "fetch/json_object.hpp"
#include "fetch/printable_text.hpp"
#include "fetch/url.hpp"

namespace jwtcheck::detail {

namespace {

constexpr std::string_view what = "discovery document";

Result<std::string> string_member(const rapidjson::Value& document, std::string_view name) {
  const rapidjson::Value* value = member(document, name);
  if (value == nullptr) {
    return Error{ErrorCode::invalid_response,
                 "expected \"" + std::string(name) + "\" in the " + std::string(what) + ", it is missing"};
  }
  if (!value->IsString()) {
    return Error{ErrorCode::invalid_response, "expected \"" + std::string(name) + "\" in the " + std::string(what) +
                                                  " to be a string, got " + std::string(json_kind(*value))};
  }
  return std::string(value->GetString(), value->GetStringLength());
}

}  // namespace

Result<std::string> discovery_url(std::string_view issuer, DiscoveryKind kind, const HttpOptions& http) {
  auto checked = check_url(issuer, http);
  if (!checked) return checked.error();
  if (checked->has_query) return Error{ErrorCode::invalid_url, "expected an issuer URL without a query, got " + checked->url};
  std::string path = checked->path;
  if (!path.empty() && path.back() == '/') path.pop_back();
  std::string origin = checked->url.substr(0, checked->url.size() - checked->path.size());
  if (kind == DiscoveryKind::openid_configuration) return origin + path + "/.well-known/openid-configuration";
  return origin + "/.well-known/oauth-authorization-server" + path;
}

Result<std::string> jwks_uri_from_discovery(std::string_view document, std::string_view expected_issuer,
                                            const HttpOptions& http) {
  auto parsed = parse_json_object(document, what);
  if (!parsed) return parsed.error();
  auto issuer = string_member(*parsed, "issuer");
  if (!issuer) return issuer.error();
  if (*issuer != expected_issuer) {
    return Error{ErrorCode::issuer_mismatch, "expected the " + std::string(what) + " of issuer \"" +
                                                 printable_excerpt(expected_issuer) + "\", got issuer \"" +
                                                 printable_excerpt(*issuer) + "\""};
  }
  auto jwks_uri = string_member(*parsed, "jwks_uri");
  if (!jwks_uri) return jwks_uri.error();
  auto checked = check_url(*jwks_uri, http);
  if (!checked) {
    Error error = checked.error();
    error.message = "unusable jwks_uri in the " + std::string(what) + ": " + error.message;
    return error;
  }
  return checked->url;
}

}  // namespace jwtcheck::detail
