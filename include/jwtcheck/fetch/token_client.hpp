// jwtcheck — getting access tokens with the OAuth 2.0 client-credentials grant (RFC 6749 §4.4),
// the way an Auth0 machine-to-machine application does.
//
// Modelled on Go's clientcredentials.Config: one options struct (TokenClientOptions, every
// default documented) and one call, token(), that returns a cached token while it is fresh and
// otherwise asks the token endpoint once, however many threads call at the same moment
// (single-flight). Each call may be given a deadline and a std::stop_token (TokenCallOptions).
//
// The request is the one Auth0 documents: POST https://DOMAIN/oauth/token with the JSON body
// {"client_id","client_secret","audience","grant_type":"client_credentials"} (+ "scope").
// Form encoding and HTTP Basic client authentication are options, and so are client
// authentication without a shared secret — private_key_jwt (RFC 7523 §2.2: a fresh signed client
// assertion with every request, including retries) and mTLS (RFC 8705 §2: the client certificate
// of HttpOptions::client_cert_file) — and DPoP-bound tokens (RFC 9449 §5: with dpop_key, every
// token request carries a DPoP proof; a use_dpop_nonce answer with a DPoP-Nonce header is
// retried once at once with that nonce, which later requests then carry too).
//
// The client secret never appears in an error message or anything jwtcheck prints: request
// bodies and the Basic header are built in buffers that are wiped after the request, and any
// echo of the secret in the server's answer is redacted. (libcurl's own internal send buffers
// are freed without wiping; that is outside jwtcheck's reach.)
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/client_key.hpp>
#include <jwtcheck/fetch/http_options.hpp>
#include <jwtcheck/fetch/retry_policy.hpp>
#include <jwtcheck/fetch/steady_clock.hpp>
#include <jwtcheck/secret.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace jwtcheck {

/// How the request body is encoded.
enum class TokenRequestFormat {
  json,  ///< application/json, as Auth0 documents (default)
  form,  ///< application/x-www-form-urlencoded, as RFC 6749 §4.4.2 shows
};

/// Where the client credentials go.
enum class ClientAuthMethod {
  request_body,  ///< client_id and client_secret in the body ("client_secret_post"; Auth0's default)
  basic,         ///< HTTP Basic header ("client_secret_basic", RFC 6749 §2.3.1); client_id stays out of the body
  /// client_id, client_assertion_type and a client_assertion signed with client_assertion_key
  /// (RFC 7523 §2.2, OIDC Core §9); no secret.
  private_key_jwt,
  /// client_id in the body; the client proves itself with the TLS client certificate and key of
  /// HttpOptions::client_cert_file / client_key_file (RFC 8705 §2, "tls_client_auth"); no secret.
  tls_client_auth,
};

/// Everything a TokenClient needs, in one struct; each member says its default. Required:
/// token_url or domain, client_id, and the credential of auth_method: client_secret (request_body,
/// basic), client_assertion_key (private_key_jwt) or http.client_cert_file and client_key_file
/// (tls_client_auth). Everything else has a working default.
struct TokenClientOptions {
  // --- where and who (required)
  /// The token endpoint, e.g. "https://TENANT.auth0.com/oauth/token". Wins over domain.
  /// Default: empty (domain is used).
  std::string token_url;
  /// The tenant: "TENANT.auth0.com", "host:port" or "https://host[:port]" (path "/" at most);
  /// the token endpoint is then https://DOMAIN/oauth/token. Default: empty.
  std::string domain;
  /// The application's client id. Default: empty (create() refuses it).
  std::string client_id;
  /// The application's client secret. Default: empty (create() refuses it under request_body and
  /// basic, and refuses one given with private_key_jwt or tls_client_auth).
  Secret client_secret;
  /// private_key_jwt: the key the client assertions are signed with (RS256, PS256 or ES256, or
  /// another asymmetric ClientKey algorithm). Default: none.
  std::optional<ClientKey> client_assertion_key;
  /// private_key_jwt: how long each assertion is valid, 1 to 300 s. Default: 60 s.
  std::chrono::seconds client_assertion_lifetime{60};
  /// Asks for DPoP-bound tokens (token_type "DPoP"): each token request carries a DPoP proof
  /// made with this key. Use make_dpop_proof with the same key to present the token.
  /// Default: none (Bearer tokens).
  std::optional<ClientKey> dpop_key;

  // --- what to ask for
  /// The API identifier. Default: empty, and then no "audience" is sent (Auth0 then returns an
  /// opaque token, which token() reports as opaque_token).
  std::string audience;
  /// Space-separated scopes to ask for. Default: empty, not sent (the tenant grants its defaults).
  std::string scope;

  // --- how to ask
  /// Default: json (application/json, as Auth0 documents).
  TokenRequestFormat format = TokenRequestFormat::json;
  /// Default: request_body (client_secret_post, Auth0's default).
  ClientAuthMethod auth_method = ClientAuthMethod::request_body;
  /// Transport: TLS always verified; defaults in http_options.hpp (connect 5 s, total 10 s…).
  HttpOptions http;
  /// Retries of transient failures, 5xx and 429; defaults in retry_policy.hpp.
  RetryPolicy retry;
  /// A cached token is renewed this long before it expires. Default: 60 s.
  std::chrono::seconds expiry_margin{60};
  /// Time source for the cache (not for TokenCallOptions::deadline). Default: empty, meaning
  /// std::chrono::steady_clock::now.
  SteadyClock clock;
};

/// How one token() call may end early. The default (no stop token, no deadline) waits for the
/// request and its retries, each bounded by TokenClientOptions::http's timeouts.
struct TokenCallOptions {
  /// A stop request (from any thread) ends the call promptly, within about a second even while
  /// the token endpoint is silent: the call returns cancelled. Default: none.
  std::stop_token stop;
  /// The call returns deadline_exceeded once this instant (real std::chrono::steady_clock time)
  /// has passed, whether it was waiting for the server, for a retry or for another caller's
  /// request. Default: none.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

/// A token from the token endpoint.
struct AccessToken {
  std::string access_token;                    ///< the JWT
  std::string token_type;                      ///< "Bearer" for Auth0; "DPoP" for a DPoP-bound token
  std::optional<std::chrono::seconds> expires_in;  ///< as sent; absent: the token is not cached
  std::string scope;                           ///< the granted scopes, when the server said
  std::chrono::steady_clock::time_point obtained_at;  ///< when the request was made (SteadyClock time)
};

/// The token endpoint of a tenant domain ("https://DOMAIN/oauth/token"). Errors: invalid_url,
/// insecure_url.
JWTCHECK_API Result<std::string> token_url_for_domain(std::string_view domain, const HttpOptions& http = {});

/// Gets and caches client-credentials access tokens. Copies share one cache; every member
/// function is thread-safe.
class JWTCHECK_API TokenClient {
 public:
  /// Checks the configuration (URL, client id, the credential of auth_method). Errors:
  /// invalid_url, insecure_url, invalid_policy (no credential, or two: a secret together with a
  /// client_assertion_key, or either with tls_client_auth; a certificate without its key or the
  /// reverse; an assertion lifetime out of range). Nothing is fetched yet.
  static Result<TokenClient> create(TokenClientOptions options);

  /// The cached token while it is fresh (expires_in − expiry_margin), else a new one; callers
  /// arriving while a request is in flight share its outcome. Errors: oauth_error (the
  /// server's "error" and "error_description" in the message), rate_limited, opaque_token,
  /// invalid_response, http_status and the transport errors of HttpOptions; cancelled and
  /// deadline_exceeded as `call` says. A caller that shares another caller's request waits
  /// under its own `call`; when that other caller is cancelled or runs out of time, the ones
  /// still waiting make the request themselves. Thread-safe.
  Result<AccessToken> token(const TokenCallOptions& call = {}) const;
  /// Forgets the cached token; the next token() asks the server.
  void invalidate() const;

  /// Opaque: the configuration, HTTP client and token cache, defined and used only inside the
  /// library.
  struct Impl;

 private:
  explicit TokenClient(std::shared_ptr<Impl> state) noexcept : state_(std::move(state)) {}
  std::shared_ptr<Impl> state_;
};

}  // namespace jwtcheck
