// jwtcheck — errors and results.
//
// Every failure jwtcheck reports carries one code from a closed set. The code's
// name (code_name) is stable: the CLI's JSON output and scripts rely on it.
// Library calls return Result<T>; exceptions are used only for programmer errors.
#pragma once

#include <jwtcheck/export.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace jwtcheck {

/// Stable error codes. Never renumber or rename: names are a public contract.
enum class ErrorCode {
  // --- the token as bytes
  token_too_large,      ///< token longer than Limits::max_token_bytes
  malformed_token,      ///< not three base64url segments, bad base64url, empty signature…
  encrypted_token,      ///< a five-segment JWE: unsupported
  invalid_json,         ///< header or claims not a JSON object / invalid UTF-8 / bad JSON
  json_too_deep,        ///< nesting deeper than Limits::max_json_depth
  duplicate_member,     ///< a member name appears twice in one JSON object
  invalid_header,       ///< alg missing or not a string, bad kid/typ/crit types
  unknown_crit,         ///< "crit" names an extension jwtcheck does not understand
  // --- algorithm and key
  alg_not_allowed,      ///< alg is "none", unknown, or not in the verifier's allowlist
  key_not_found,        ///< no key in the key set for this kid / alg
  key_mismatch,         ///< the key named by kid cannot be used with this alg
  bad_signature,        ///< the signature does not verify
  // --- keys and key sets
  invalid_key,          ///< a JWK / PEM that cannot be parsed into a usable key
  unsupported_key,      ///< a well-formed key of a type/curve jwtcheck does not support
  weak_key,             ///< RSA below 2048 bits, HMAC secret shorter than the hash
  invalid_jwks,         ///< the JWKS document itself is malformed
  too_many_keys,        ///< more keys than Limits::max_jwks_keys
  // --- claims and policy
  missing_claim,        ///< a required claim is absent
  invalid_claim,        ///< a claim has the wrong JSON type or an out-of-range value
  expired,              ///< exp is in the past (beyond the leeway)
  not_yet_valid,        ///< nbf is in the future (beyond the leeway)
  issued_in_future,     ///< iat is in the future (beyond the leeway)
  token_too_old,        ///< iat older than Policy::max_age
  issuer_mismatch,      ///< iss differs from the configured issuer
  audience_mismatch,    ///< none of the configured audiences is in aud
  subject_mismatch,     ///< sub is not "<client>@clients" (or the expected subject)
  azp_mismatch,         ///< azp / client_id disagree with the subject or expected client
  gty_mismatch,         ///< gty differs from the required grant type
  typ_mismatch,         ///< header typ not in the allowlist
  missing_scope,        ///< a required scope / permission is absent
  // --- fetching (tokens, JWKS, discovery)
  insecure_url,         ///< not https (plain http allowed only for loopback, opt-in)
  invalid_url,          ///< a URL or tenant domain that cannot be used
  dns_failed,           ///< host name could not be resolved
  connect_failed,       ///< TCP connection refused / unreachable / reset
  tls_failed,           ///< TLS handshake or certificate verification failed
  timeout,              ///< connect or total timeout
  cancelled,            ///< the caller cancelled the call (a stop request from another thread)
  deadline_exceeded,    ///< the call's deadline (set by the caller) passed before it finished
  http_status,          ///< unexpected HTTP status (message has the status and body excerpt)
  body_too_large,       ///< response larger than the configured cap
  invalid_response,     ///< the server's answer is not what the protocol says
  oauth_error,          ///< token endpoint answered an OAuth error (message has error + description)
  rate_limited,         ///< 429 / too_many_requests after the retries
  opaque_token,         ///< the tenant returned a non-JWT token (audience missing?)
  keys_unavailable,     ///< no key set could be obtained (stale keys expired, first fetch failed)
  io_error,             ///< a local file could not be read
  invalid_policy,       ///< a Verifier/client configuration that cannot be used (empty issuer…)
  // --- the process
  out_of_memory,        ///< an allocation failed (a noexcept call reports it instead of throwing)
  // --- custom claims (appended: codes above keep their numbers)
  claim_mismatch,       ///< a claim fails a Policy::required_claims requirement (equals, one of, contains)
  invalid_claim_pointer,  ///< a malformed RFC 6901 JSON pointer, or one beyond its length/depth limit
  // --- DPoP proofs (RFC 9449, jwtcheck/dpop.hpp; appended: codes above keep their numbers)
  dpop_proof_missing,     ///< a DPoP-bound token came without a DPoP proof (never usable as a bearer token)
  dpop_proof_malformed,   ///< the proof is not a compact JWS of JSON objects, is oversized, has duplicate members, lacks jti…
  dpop_typ_mismatch,      ///< the proof's header typ is not exactly "dpop+jwt"
  dpop_alg_not_allowed,   ///< the proof's alg is none, HS*, unknown, not allowed, or does not fit its jwk
  dpop_key_invalid,       ///< the proof's jwk is missing, not an object, carries private members, or is unusable
  dpop_bad_signature,     ///< the proof's signature does not verify with its own jwk
  dpop_htm_mismatch,      ///< the proof's htm is not the request's method
  dpop_htu_mismatch,      ///< the proof's htu is not the request's URL (normalised, without query and fragment)
  dpop_iat_invalid,       ///< the proof's iat is missing, not a number, or outside the accepted window
  dpop_ath_mismatch,      ///< the proof's ath is missing or is not the access token's SHA-256 hash
  dpop_jti_replayed,      ///< a proof with this jti (and key) was already accepted within the window
  dpop_key_mismatch,      ///< the proof's key is not the one the access token is bound to (cnf.jkt)
  dpop_nonce_mismatch,    ///< a server nonce was expected and the proof's nonce is absent or another
  dpop_replay_cache_full, ///< the replay cache is full of unexpired entries: retry later (retryable)
  dpop_binding_required,  ///< BindingMode::required and the access token is not DPoP-bound (no cnf.jkt)
  dpop_disabled,          ///< BindingMode::off and the access token is DPoP-bound: it cannot be accepted here
  // --- mTLS certificate-bound tokens (RFC 8705 §3, jwtcheck/certificate_binding.hpp; appended)
  mtls_certificate_missing,    ///< no client certificate was given where one must be hashed
  mtls_certificate_malformed,  ///< the client certificate is not one DER or PEM X.509 certificate, or is oversized
  mtls_thumbprint_mismatch,    ///< the certificate's SHA-256 thumbprint is not the token's cnf["x5t#S256"]
  mtls_cnf_malformed,          ///< cnf is not an object, or cnf["x5t#S256"] is not a base64url SHA-256 hash
  mtls_bound_token_without_certificate,  ///< a certificate-bound token came without a client certificate
  mtls_binding_required,       ///< BindingMode::required and the token is not certificate-bound
  mtls_disabled,               ///< BindingMode::off and the token is certificate-bound: it cannot be accepted here
  // --- issuer sets (jwtcheck/issuers.hpp; appended: codes above keep their numbers)
  unknown_issuer,         ///< "iss" names no issuer of the IssuerSet (nothing was fetched for it)
};

/// The stable machine name of a code, e.g. "bad_signature".
JWTCHECK_API std::string_view code_name(ErrorCode code) noexcept;

/// One failure: a code to branch on, a message for people (expected vs actual).
struct Error {
  ErrorCode code;       ///< what failed, to branch on (code_name gives its stable name)
  std::string message;  ///< for people: what was expected and what was found
  /// True when the same token may pass if presented again shortly (for example key_not_found
  /// while a key-set refresh is pending): a server may answer 503 instead of 401.
  bool retryable = false;
};

/// A value or an Error. Small on purpose: `if (!r) use(r.error()); else use(*r);`
template <class T>
class [[nodiscard]] Result {
 public:
  /// A success holding `value`.
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  /// A failure.
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

  /// True when it holds a value, false when it holds an Error.
  bool ok() const noexcept { return v_.index() == 0; }
  /// ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only when ok() (otherwise it throws std::bad_variant_access).
  T& value() & { return std::get<0>(v_); }
  /// The value; only when ok() (otherwise it throws std::bad_variant_access).
  const T& value() const& { return std::get<0>(v_); }
  /// The value, moved out; only when ok() (otherwise it throws std::bad_variant_access).
  T&& value() && { return std::get<0>(std::move(v_)); }
  /// value().
  T& operator*() & { return value(); }
  /// value().
  const T& operator*() const& { return value(); }
  /// value(), moved out.
  T&& operator*() && { return std::move(*this).value(); }
  /// The value's members; only when ok().
  T* operator->() { return &value(); }
  /// The value's members; only when ok().
  const T* operator->() const { return &value(); }

  /// The Error; only when !ok() (otherwise it throws std::bad_variant_access).
  const Error& error() const& { return std::get<1>(v_); }
  /// The Error, moved out; only when !ok() (otherwise it throws std::bad_variant_access).
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

/// Result for operations that return nothing on success.
template <>
class [[nodiscard]] Result<void> {
 public:
  /// A success.
  Result() = default;
  /// A failure.
  Result(Error error) : err_(std::move(error)), failed_(true) {}
  /// True for a success.
  bool ok() const noexcept { return !failed_; }
  /// ok().
  explicit operator bool() const noexcept { return ok(); }
  /// The Error; meaningful only when !ok().
  const Error& error() const& { return err_; }

 private:
  Error err_{};
  bool failed_ = false;
};

}  // namespace jwtcheck
