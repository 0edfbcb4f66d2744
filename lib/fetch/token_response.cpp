#include "fetch/token_response.hpp"

#include "fetch/json_object.hpp"
#include "fetch/printable_text.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace jwtcheck::detail {

namespace {

constexpr std::string_view what = "token endpoint answer";

Error invalid(std::string message) { return Error{ErrorCode::invalid_response, std::move(message)}; }

Error wrong_type(std::string_view name, std::string_view expected, const rapidjson::Value& got) {
  return invalid("expected \"" + std::string(name) + "\" in the " + std::string(what) + " to be " +
                 std::string(expected) + ", got " + std::string(json_kind(got)));
}

// An optional string member; an error when present with another type.
Result<std::string> optional_string(const rapidjson::Value& object, std::string_view name) {
  const rapidjson::Value* value = member(object, name);
  if (value == nullptr) return std::string();
  if (!value->IsString()) return wrong_type(name, "a string", *value);
  return std::string(value->GetString(), value->GetStringLength());
}

Result<std::optional<std::chrono::seconds>> optional_lifetime(const rapidjson::Value& object) {
  const rapidjson::Value* value = member(object, "expires_in");
  if (value == nullptr) return std::optional<std::chrono::seconds>();
  // Ten years: anything longer is a broken server, not a token lifetime.
  constexpr std::int64_t max_lifetime = 10LL * 365 * 24 * 3600;
  if (!value->IsInt64() || value->GetInt64() < 0 || value->GetInt64() > max_lifetime) {
    return wrong_type("expires_in", "a non-negative integer number of seconds", *value);
  }
  return std::optional<std::chrono::seconds>(std::chrono::seconds(value->GetInt64()));
}

bool is_base64url_segment(std::string_view segment) {
  return std::all_of(segment.begin(), segment.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The server's own words, made safe to print.
std::string server_text(const rapidjson::Value* value, std::string_view secret, std::size_t max_bytes) {
  if (value == nullptr || !value->IsString()) return {};
  const std::string_view raw(value->GetString(), value->GetStringLength());
  return redact(printable_excerpt(redact(raw, secret), max_bytes), secret);
}

ErrorCode code_for(long status, std::string_view oauth_error) {
  if (status == 429 || oauth_error == "too_many_requests") return ErrorCode::rate_limited;
  if (status >= 500 || oauth_error.empty()) return ErrorCode::http_status;
  return ErrorCode::oauth_error;
}

// What the standard (RFC 6749 §5.2) and Auth0's documented codes usually mean for a caller.
// Auth0 answers a wrong client id or secret with 401 "access_denied": the status decides.
std::string_view hint_for(long status, std::string_view oauth_error) {
  if (status == 401 || oauth_error == "invalid_client") return "check the client id and its credentials (secret, private key or certificate)";
  if (oauth_error == "access_denied") return "is the audience a known API, and does this client have a grant for it?";
  if (oauth_error == "unauthorized_client") return "enable the client-credentials grant for this application";
  if (oauth_error == "invalid_scope") return "ask only for scopes granted to this client for this audience";
  if (oauth_error == "unsupported_grant_type") return "this endpoint does not accept client_credentials";
  if (oauth_error == "endpoint_disabled") return "the tenant has disabled this endpoint";
  if (oauth_error == "requires_validation") return "the tenant requires an extra validation step for this client";
  return {};
}

}  // namespace

bool looks_like_jws(std::string_view token) {
  if (std::count(token.begin(), token.end(), '.') != 2) return false;
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  const std::string_view header = token.substr(0, first);
  const std::string_view payload = token.substr(first + 1, second - first - 1);
  const std::string_view signature = token.substr(second + 1);
  return !header.empty() && !payload.empty() && is_base64url_segment(header) && is_base64url_segment(payload) &&
         is_base64url_segment(signature);
}

Result<AccessToken> parse_token_response(std::string_view body, std::chrono::steady_clock::time_point obtained_at) {
  auto document = parse_json_object(body, what);
  if (!document) return document.error();
  AccessToken token;
  token.obtained_at = obtained_at;
  const rapidjson::Value* access = member(*document, "access_token");
  if (access == nullptr) return invalid("expected \"access_token\" in the " + std::string(what) + ", it is missing");
  if (!access->IsString() || access->GetStringLength() == 0) return wrong_type("access_token", "a non-empty string", *access);
  token.access_token.assign(access->GetString(), access->GetStringLength());
  auto type = optional_string(*document, "token_type");
  if (!type) return type.error();
  token.token_type = std::move(*type);
  auto scope = optional_string(*document, "scope");
  if (!scope) return scope.error();
  token.scope = std::move(*scope);
  auto lifetime = optional_lifetime(*document);
  if (!lifetime) return lifetime.error();
  token.expires_in = *lifetime;
  if (!looks_like_jws(token.access_token)) {
    return Error{ErrorCode::opaque_token,
                 "the tenant returned an opaque access token: the audience was probably missing or unknown "
                 "(expected a JWT of three base64url segments, got " +
                     std::to_string(token.access_token.size()) + " bytes of another shape)"};
  }
  return token;
}

Error token_error_from_response(const HttpResponse& response, std::string_view url, std::string_view secret) {
  std::string oauth_error;
  std::string description;
  if (auto document = parse_json_object(response.body, "token endpoint error answer")) {
    oauth_error = server_text(member(*document, "error"), secret, 64);
    description = server_text(member(*document, "error_description"), secret, 300);
  }
  const ErrorCode code = code_for(response.status, oauth_error);
  if (oauth_error.empty()) {
    Error error = unexpected_status("token request failed", url, response, secret);
    error.code = code;
    return error;
  }
  std::string message = "token request failed: " + std::string(url) + " answered HTTP " +
                        std::to_string(response.status) + " with error \"" + oauth_error + "\"";
  if (!description.empty()) message += ": " + description;
  if (auto hint = hint_for(response.status, oauth_error); !hint.empty()) message += " (" + std::string(hint) + ")";
  return Error{code, std::move(message)};
}

}  // namespace jwtcheck::detail
