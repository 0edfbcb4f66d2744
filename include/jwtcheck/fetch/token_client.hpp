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
// Form encoding and HTTP Basic client authentication are options.
//
// The client secret never appears in an error message or anything jwtcheck prints: request
// bodies and the Basic header are built in buffers that are wiped after the request, and any
// echo of the secret in the server's answer is redacted. (libcurl's own internal send buffers
// are freed without wiping; that is outside jwtcheck's reach.)
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
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
};

/// Everything a TokenClient needs, in one struct; each member says its default. Required:
/// token_url or domain, client_id and client_secret. Everything else has a working default.
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
  /// The application's client secret. Default: empty (create() refuses it).
  Secret client_secret;

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
  std::string token_type;                      ///< "Bearer" for Auth0
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
  /// Checks the configuration (URL, client id, secret). Errors: invalid_url, insecure_url,
  /// invalid_policy. Nothing is fetched yet.
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
