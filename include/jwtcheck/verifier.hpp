// jwtcheck — verifying access tokens: signature, then claims and policy.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/claims.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/scopes.hpp>
#include <jwtcheck/verifier_options.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

/// Verifying JWT access tokens: Verifier, keys (Key, KeySet, KeySource), Policy, Result and Error.
namespace jwtcheck {

/// A token that passed every check. Views point into storage the object owns.
class JWTCHECK_API VerifiedToken {
 public:
  /// The header "alg", one the verifier allows.
  std::string_view alg() const noexcept;
  /// The header "kid"; empty when absent.
  std::string_view kid() const noexcept;
  /// The "iss" claim.
  std::string_view issuer() const noexcept;
  /// The "sub" claim.
  std::string_view subject() const noexcept;
  /// The client id: "sub" without the subject suffix (for "X@clients", "X").
  std::string_view client_id() const noexcept;
  /// The "aud" claim: its one string, or every string of its array.
  std::span<const std::string_view> audiences() const noexcept;
  /// The "exp" claim (seconds since the Unix epoch), if present.
  std::optional<std::int64_t> expires_at() const noexcept;
  /// The "iat" claim (seconds since the Unix epoch), if present.
  std::optional<std::int64_t> issued_at() const noexcept;
  /// The "nbf" claim (seconds since the Unix epoch), if present.
  std::optional<std::int64_t> not_before() const noexcept;
  /// Scopes merged from "scope", "scp" and "permissions", in first-seen order, no duplicates.
  std::span<const Scope> scopes() const noexcept;
  /// True when `scope` is one of scopes().
  bool has_scope(std::string_view scope) const noexcept;
  /// The decoded claims, as JSON text.
  std::string_view claims_json() const noexcept;
  /// The decoded header, as JSON text.
  std::string_view header_json() const noexcept;

  /// Custom claims, typed and read-only. `claim` is a top-level name ("org_id",
  /// "https://example.com/roles") or a ClaimPath::pointer ("/https:~1~1example.com~1roles/0").
  /// Each getter fails with a typed Error and never throws on bad input:
  ///  - missing_claim: the claim is absent (a pointer step names no member or element);
  ///  - invalid_claim: it is there with another JSON type (or, for claim_int, a number that
  ///    is not an integer or outside int64; for claim_number, beyond double's range);
  ///  - invalid_claim_pointer: the pointer is malformed or beyond its limits (claims.hpp).
  /// Views point into storage this token owns and live as long as it (and its copies) do.
  /// Each call scans the claims text (already validated at verify) up to the claim: no parse,
  /// no allocation except the Error and claim_strings' vector. Thread-safe (read-only).

  /// What the claim is: its JSON type, or ClaimKind::missing. Fails only for a bad pointer.
  Result<ClaimKind> claim_kind(ClaimPath claim) const;
  /// A string claim, unescaped.
  Result<std::string_view> claim_string(ClaimPath claim) const;
  /// An integer claim: a JSON number with an integral value in int64's range (7 and 7.0, not 7.5).
  Result<std::int64_t> claim_int(ClaimPath claim) const;
  /// A number claim, as a double.
  Result<double> claim_number(ClaimPath claim) const;
  /// A true/false claim.
  Result<bool> claim_bool(ClaimPath claim) const;
  /// An array claim whose elements are all strings (an empty array gives an empty vector).
  Result<std::vector<std::string_view>> claim_strings(ClaimPath claim) const;
  /// The claim's value as sent, any JSON type: its raw JSON text ("\"a\"", "[1,2]", "{…}").
  Result<std::string_view> claim_json(ClaimPath claim) const;

  /// Opaque: the token's claims and the bytes they point into, defined and used only inside
  /// the library (which makes VerifiedTokens through it).
  struct Impl;

 private:
  explicit VerifiedToken(std::shared_ptr<const Impl> data) noexcept : data_(std::move(data)) {}
  std::shared_ptr<const Impl> data_;
};

/// One check in a Report, for people: what was expected and what the token had.
struct Check {
  std::string name;       ///< "signature", "iss", "aud", "sub", "exp", "nbf", "iat", "typ", "azp", "gty", "scope"…
  bool passed = false;    ///< true when the token met it
  std::string expected;   ///< for people, e.g. "\"https://api\"", "later than now 1700000000 (…)"
  std::string actual;     ///< for people, e.g. "[\"https://x\"]", "1700003600 (2023-11-14T23:13:20Z)"
  /// The same two as JSON values, always valid JSON, for programs: a claim check gives the
  /// wanted and the sent value; a time check gives {"now", "leeway", and the bound} and the
  /// claim's NumericDate; "alg" the allowed names and the token's; "signature" the key used.
  std::string expected_json;
  std::string actual_json;  ///< what the token had, as JSON (see expected_json)
};

/// A scope in a Report (owning copy of Scope).
struct ReportScope {
  std::string name;      ///< the scope, e.g. "read:reports"
  unsigned sources = 0;  ///< ScopeSource bits
};

/// Everything known about one token after checking all of it (Verifier::check).
struct Report {
  bool valid = false;             ///< the verdict: true only if every check passed
  std::vector<Error> errors;      ///< every failed check, not just the first
  std::vector<Check> checks;      ///< every check made, passed or not, in order
  std::string header_json;        ///< empty if the token could not be decoded
  std::string claims_json;        ///< empty if the claims could not be decoded
  ///@{
  /// The header "alg" and "kid" as sent; empty if the header could not be decoded.
  std::string alg, kid;
  ///@}
  std::string key_thumbprint;     ///< RFC 7638 thumbprint of the key that verified it
  std::vector<ReportScope> scopes;  ///< the token's scopes, merged as VerifiedToken::scopes() merges them
  TokenProfile profile = TokenProfile::auth0;  ///< the profile whose checks applied (Policy::profile)
};

/// Lookups of a Verifier's verified-token cache (VerifierOptions::cache_entries) since its creation.
struct VerifierCacheCounts {
  std::uint64_t hits = 0;    ///< a token answered from the cache (decoding and signature skipped)
  std::uint64_t misses = 0;  ///< a token looked up and not found (or no longer valid): verified in full
};

/// Verifies tokens against a key source and a policy. Immutable after creation and safe to use
/// from many threads at once; the verify path takes no lock and does no I/O. A token whose kid
/// the key set lacks is refused at once (key_not_found, retryable while the key source has a
/// refresh pending) unless VerifierOptions::max_key_wait lets a few calls wait for the refresh.
class JWTCHECK_API Verifier {
 public:
  /// Fails with invalid_policy (empty issuer or audiences, HS* allowed without an HMAC key, an
  /// allowed algorithm that no loaded OpenSSL provider offers under options' property query…).
  static Result<Verifier> create(Policy policy, std::shared_ptr<KeySource> keys, VerifierOptions options = {});
  /// Convenience: a fixed key set.
  static Result<Verifier> create(Policy policy, KeySet keys, VerifierOptions options = {});
  /// One-key verify: every token is checked with `key` alone, whatever kid its header names (or
  /// none), and only as `alg`: the token's alg must be exactly `alg` (else alg_not_allowed).
  /// `key` is a PEM public key or certificate (parse_pem_public_key), a public JWK (parse_jwk)
  /// or an HMAC secret (hmac_key); private keys are refused by those parsers. Fails with
  /// invalid_policy when the key cannot verify `alg` (an RSA key with HS256, an HMAC key with
  /// RS256 or with another HS alg than its own, an EC key of another curve, a JWK bound to
  /// another alg), or when policy.algorithms is not empty and lacks `alg`: RS/HS confusion
  /// cannot happen, since HS* needs an HMAC secret and an HMAC secret verifies HS* only.
  static Result<Verifier> create(Policy policy, Key key, Alg alg, VerifierOptions options = {});

  /// The server path: stops at the first failure. Never throws: every failure is an Error,
  /// including a failed allocation (out_of_memory) and an exception thrown by the clock or the
  /// KeySource (out_of_memory for std::bad_alloc, keys_unavailable "callback threw" otherwise).
  /// Thread-safe. Uses at most 8 KiB of the caller's stack beyond what OpenSSL's own verify
  /// needs (docs/performance.md); the decoded token lives in a block each verifying thread
  /// allocates once, on its first verify.
  Result<VerifiedToken> verify(std::string_view token) const noexcept;
  /// The inspection path: runs every check it can and reports all of them.
  Report check(std::string_view token) const;

  /// The policy tokens are checked against.
  const Policy& policy() const noexcept;
  /// The options in use, the clock defaulted (never empty).
  const VerifierOptions& options() const noexcept;
  /// The verified-token cache's lookups so far (both 0 without a cache). Relaxed counts: a
  /// lookup in flight on another thread may be missed.
  VerifierCacheCounts cache_counts() const noexcept;

  /// Opaque: the checked policy, prepared keys and cache, defined and used only inside the
  /// library.
  struct Impl;

 private:
  explicit Verifier(std::shared_ptr<const Impl> state) noexcept : state_(std::move(state)) {}
  std::shared_ptr<const Impl> state_;
};

}  // namespace jwtcheck
