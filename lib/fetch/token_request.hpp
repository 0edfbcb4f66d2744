// The client-credentials request (RFC 6749 §4.4.2; Auth0's JSON form), built in wiped buffers.
#pragma once

#include <jwtcheck/fetch/token_client.hpp>

#include "fetch/sensitive_buffer.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// Body, its content type and the Authorization value (empty unless ClientAuthMethod::basic).
struct TokenRequest {
  SensitiveBuffer body;
  std::string_view content_type;
  SensitiveBuffer authorization;
};

/// Fills `out` from the configuration: JSON {"client_id","client_secret","audience",
/// "grant_type":"client_credentials","scope"} or the same as form fields; with Basic
/// authentication the credentials go to the header (form-encoded, then base64, RFC 6749 §2.3.1).
/// Empty audience and scope are left out. Under private_key_jwt the body carries client_id,
/// client_assertion_type and `client_assertion` instead of a secret; under tls_client_auth only
/// client_id.
void build_token_request(const TokenClientOptions& config, TokenRequest& out, std::string_view client_assertion = {});

/// `text` with the client secret redacted in every form a request carries it: raw, JSON-escaped,
/// form-encoded and inside the Basic credential — a server that echoes the request back must not
/// get the secret into an error message.
std::string redact_request_secrets(std::string_view text, const TokenClientOptions& config);

}  // namespace jwtcheck::detail
