// Reading the token endpoint's answer: a token (RFC 6749 §5.1) or an error (§5.2 + Auth0's codes).
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/token_client.hpp>

#include "fetch/http_client.hpp"

#include <chrono>
#include <string_view>

namespace jwtcheck::detail {

/// Parses a 2xx answer: access_token (non-empty string, required), token_type, scope (strings),
/// expires_in (non-negative integer). Errors: invalid_response; opaque_token when the token is
/// not a compact JWS (three base64url segments).
Result<AccessToken> parse_token_response(std::string_view body, std::chrono::steady_clock::time_point obtained_at);

/// True when `token` has the shape of a compact JWS: three base64url segments, the first two non-empty.
bool looks_like_jws(std::string_view token);

/// The error for a non-2xx answer: rate_limited (429 or "too_many_requests"), http_status (5xx,
/// or no OAuth error in the body), oauth_error otherwise. The message carries the status and the
/// server's "error" / "error_description" (printable, truncated, `secret` redacted).
Error token_error_from_response(const HttpResponse& response, std::string_view url, std::string_view secret);

}  // namespace jwtcheck::detail
