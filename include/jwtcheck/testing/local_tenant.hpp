// jwtcheck-testing — a local HTTPS server that behaves like an Auth0 tenant for the
// client-credentials grant: token endpoint, JWKS, discovery, key rotation and injected faults.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jwtcheck::testing {

/// A machine-to-machine application registered in the tenant.
struct TenantClient {
  ///@{
  /// The credentials the token endpoint accepts for this client.
  std::string client_id, client_secret;
  ///@}
  std::map<std::string, std::string> audience_scopes;  ///< audience (API identifier) -> granted scope string
  /// private_key_jwt (RFC 7523): the client's registered public key (SPKI PEM). When set, a token
  /// request may authenticate with a client assertion signed by its private key (iss = sub =
  /// client_id, aud = the token URL, unexpired, lifetime ≤ 5 min, jti not seen before); a bad one
  /// is answered 401 invalid_client. Empty (the default): only the secret is accepted.
  std::string public_key_pem;
  /// tls_client_auth (RFC 8705 §2): the client's registered certificate (PEM). When a client has
  /// one, the tenant's TLS server asks every connection for a client certificate (optional), and
  /// a token request with this client_id and no other credential is accepted when the
  /// connection's certificate is exactly this one; its token is then certificate-bound
  /// (cnf["x5t#S256"], RFC 8705 §3). Another or no certificate: 401 invalid_client.
  std::string certificate_pem;
};

/// Which endpoint a fault applies to.
enum class Endpoint { any, token, jwks, discovery };

/// A misbehaviour injected into the tenant's answers.
struct Fault {
  ///@{
  /// What the tenant does instead of answering normally.
  enum class Kind { delay, http_500, http_429, invalid_json, oversized_body, drop_connection } kind;
  ///@}
  Endpoint endpoint = Endpoint::any;       ///< which endpoint's requests it affects
  int times = -1;                          ///< how many requests it affects; -1 = until cleared
  std::chrono::milliseconds delay{0};      ///< for delay
  int retry_after_seconds = 1;             ///< for http_429 (Retry-After header)
};

/// How to start a LocalTenant.
struct LocalTenantOptions {
  Alg alg = Alg::RS256;                    ///< signing algorithm of the tenant's keys
  std::optional<SigningKey> first_key;     ///< the first signing key (its alg replaces `alg`); empty → generated
  std::chrono::seconds token_lifetime{86400};  ///< expires_in of issued tokens
  std::vector<TenantClient> clients;       ///< empty → demo_client()
  std::string host = "127.0.0.1";          ///< address to listen on
  std::uint16_t port = 0;                  ///< 0 → ephemeral
  std::string state_dir;                   ///< where ca.pem is written; empty → a fresh temp dir (removed on stop)
  std::string jwks_cache_control = "public, max-age=600";  ///< Cache-Control of the JWKS response
  /// Validators of the JWKS response: an ETag (from the body's SHA-256) and a Last-Modified (when
  /// that body was first served). A conditional request that matches gets 304 Not Modified.
  bool jwks_etag = true;
  bool jwks_last_modified = true;  ///< send a Last-Modified (see jwks_etag)
  bool opaque_token_without_audience = true;  ///< like Auth0 without an API: an opaque (non-JWT) access token
  /// Test tokens from the token endpoint (`jwtcheck serve` turns this on): a request that adds
  /// any of test_expires_in (seconds; 0 or less gives an already expired token), test_scope (the
  /// exact scope string; empty for none), test_subject (sub as given) or test_claims (a JSON
  /// object merged in) gets a token for any audience, shaped so. Off: such a request is a 400.
  bool test_token_parameters = false;
  /// The access-token profile of issued tokens: auth0 (sub "CLIENT_ID@clients", azp, gty), or
  /// rfc9068 (header typ at+jwt, client_id and jti added, no gty). `any` issues auth0 tokens.
  TokenProfile token_profile = TokenProfile::auth0;
  /// RFC 9449 §8: a DPoP token request whose proof lacks the tenant's nonce is answered 400
  /// use_dpop_nonce with a DPoP-Nonce header (one random nonce per tenant). Default: false.
  bool require_dpop_nonce = false;
  /// The discovery document is served at RFC 8414's /.well-known/oauth-authorization-server and,
  /// when this is on, at OpenID Connect's /.well-known/openid-configuration; off, that one answers
  /// 404, as a plain OAuth server's would. Both count as Endpoint::discovery.
  bool openid_configuration = true;
};

/// client_id "jwtcheck-demo-client", a random secret, audience "https://api.jwtcheck.test" with
/// "read:reports write:reports".
JWTCHECK_API TenantClient demo_client();

/// Requests served per endpoint since start (or reset_counts).
struct RequestCounts { int token = 0, jwks = 0, discovery = 0, other = 0; };
/// \var RequestCounts::token
/// POST /oauth/token requests.
/// \var RequestCounts::jwks
/// GET /.well-known/jwks.json requests.
/// \var RequestCounts::discovery
/// GET /.well-known/openid-configuration (when served) and /.well-known/oauth-authorization-server requests.
/// \var RequestCounts::other
/// Requests that match none of the three (answered 404).

/// A running local tenant. Every member function is thread-safe.
class JWTCHECK_API LocalTenant {
 public:
  /// Generates the CA, server certificate and first key, and returns once the server listens.
  static Result<std::unique_ptr<LocalTenant>> start(LocalTenantOptions options = {});
  /// Stops and joins.
  ~LocalTenant();
  LocalTenant(const LocalTenant&) = delete;
  LocalTenant& operator=(const LocalTenant&) = delete;

  /// "https://127.0.0.1:PORT"
  std::string base_url() const;
  /// "127.0.0.1:PORT"
  std::string domain() const;
  /// base_url() + "/"
  std::string issuer() const;
  /// base_url() + "/oauth/token"
  std::string token_url() const;
  /// base_url() + "/.well-known/jwks.json"
  std::string jwks_url() const;
  /// base_url() + "/.well-known/openid-configuration"
  std::string discovery_url() const;
  /// The port the server listens on.
  std::uint16_t port() const;
  /// PEM file of the CA that signed the server certificate.
  std::string ca_cert_path() const;
  /// The access-token profile of the tokens the token endpoint issues.
  TokenProfile token_profile() const;
  /// The registered clients (with their secrets).
  std::vector<TenantClient> clients() const;
  /// The key that signs tokens now.
  SigningKey current_key() const;
  /// Every key in the JWKS, oldest first.
  std::vector<SigningKey> published_keys() const;
  /// Adds a new key that signs from now on; returns its kid. The old key stays in the JWKS.
  std::string rotate_key();
  /// The JWKS keeps only the current key.
  void drop_old_keys();
  /// Cache-Control header of later JWKS responses.
  void set_jwks_cache_control(std::string value);
  /// Appends a fault; faults apply in the order added to matching requests.
  void add_fault(Fault fault);
  /// Removes every fault.
  void clear_faults();
  /// Requests served per endpoint.
  RequestCounts counts() const;
  /// Sets every count to zero.
  void reset_counts();
  /// Blocks until at least `count` requests reached `endpoint` (any: all endpoints together),
  /// counted as in counts(), or `timeout` passed; false on timeout. A request is counted when it
  /// arrives, before any delay fault holds it: tests learn that a request is being served.
  bool wait_for_requests(Endpoint endpoint, int count, std::chrono::milliseconds timeout) const;
  /// A token signed with the current key (its kid in the header); an empty issuer becomes issuer().
  Result<std::string> mint(const Auth0Claims& claims, const MintOptions& options = {}) const;
  /// Blocks until stop() (for `jwtcheck serve`).
  void wait();
  /// Stops the server; idempotent.
  void stop();

  /// Opaque: the HTTPS server and its state, defined and used only inside the library.
  struct Impl;

 private:
  explicit LocalTenant(std::unique_ptr<Impl> server) noexcept;
  std::unique_ptr<Impl> server_;
};

}  // namespace jwtcheck::testing
