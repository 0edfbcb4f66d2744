// Reading a client-credentials token request (RFC 6749 §4.4) the way Auth0's /oauth/token does:
// a JSON or form body, client credentials in the body or in HTTP Basic auth.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace jwtcheck::testing::detail {

/// An OAuth error answer: HTTP status, "error" and "error_description".
struct OAuthFailure {
  int status = 400;
  std::string error;
  std::string description;
};

/// The parameters of a token request, after client authentication was extracted.
struct TokenRequest {
  std::string client_id;
  std::string client_secret;
  /// private_key_jwt (RFC 7523 §2.2): the signed client assertion; empty when a secret was sent.
  std::string client_assertion;
  /// Set by the server once client_assertion passed ClientAssertionCheck; only then does an
  /// assertion authenticate the client.
  bool assertion_verified = false;
  /// tls_client_auth (RFC 8705 §2): client_id alone, the client certificate of the TLS connection
  /// is its credential; set by the server once that certificate matched the registered one.
  bool certificate_auth = false;
  bool certificate_verified = false;
  /// base64url(SHA-256(DER)) of the verified client certificate: the token's cnf["x5t#S256"].
  std::string certificate_x5t;
  std::optional<std::string> audience;
  std::optional<std::string> scope;
  /// Test parameters (LocalTenantOptions::test_token_parameters), as sent: test_expires_in,
  /// test_scope, test_subject, test_claims.
  std::optional<std::string> test_expires_in, test_scope, test_subject, test_claims;

  bool has_test_parameters() const noexcept { return test_expires_in || test_scope || test_subject || test_claims; }
};

/// Parses the body (per its Content-Type) and the Authorization header. Fails with
/// invalid_request for a malformed body, unsupported_grant_type, or access_denied (401) when
/// neither a client secret nor a client assertion (with the jwt-bearer client_assertion_type) was
/// sent; a request with both, or with an unknown client_assertion_type, is invalid_request.
/// With `allow_certificate_auth` a request with a client_id and no other credential is accepted
/// as certificate_auth (the server then checks the TLS client certificate).
std::variant<TokenRequest, OAuthFailure> parse_token_request(std::string_view content_type, std::string_view body,
                                                             std::string_view authorization,
                                                             bool allow_certificate_auth = false);

}  // namespace jwtcheck::testing::detail
