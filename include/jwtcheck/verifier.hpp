// jwtcheck — verifying access tokens: signature, then claims and policy.
#pragma once

#include <jwtcheck/export.hpp>

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

namespace jwtcheck {

/// A token that passed every check. Views point into storage the object owns.
class JWTCHECK_API VerifiedToken {
 public:
  std::string_view alg() const noexcept;
  std::string_view kid() const noexcept;
  std::string_view issuer() const noexcept;
  std::string_view subject() const noexcept;
  /// The client id: "sub" without the subject suffix (for "X@clients", "X").
  std::string_view client_id() const noexcept;
  std::span<const std::string_view> audiences() const noexcept;
  std::optional<std::int64_t> expires_at() const noexcept;
  std::optional<std::int64_t> issued_at() const noexcept;
  std::optional<std::int64_t> not_before() const noexcept;
  /// Scopes merged from "scope", "scp" and "permissions", in first-seen order, no duplicates.
  std::span<const Scope> scopes() const noexcept;
  bool has_scope(std::string_view scope) const noexcept;
  /// The decoded claims and header, as JSON text.
  std::string_view claims_json() const noexcept;
  std::string_view header_json() const noexcept;

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
  bool passed = false;
  std::string expected;   ///< e.g. "\"https://api\""
  std::string actual;     ///< e.g. "[\"https://x\"]"
};

/// A scope in a Report (owning copy of Scope).
struct ReportScope {
  std::string name;
  unsigned sources = 0;  ///< ScopeSource bits
};

/// Everything known about one token after checking all of it (Verifier::check).
struct Report {
  bool valid = false;             ///< the verdict: true only if every check passed
  std::vector<Error> errors;      ///< every failed check, not just the first
  std::vector<Check> checks;      ///< every check made, passed or not, in order
  std::string header_json;        ///< empty if the token could not be decoded
  std::string claims_json;
  std::string alg, kid;
  std::string key_thumbprint;     ///< RFC 7638 thumbprint of the key that verified it
  std::vector<ReportScope> scopes;
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

  /// The server path: stops at the first failure.
  Result<VerifiedToken> verify(std::string_view token) const;
  /// The inspection path: runs every check it can and reports all of them.
  Report check(std::string_view token) const;

  const Policy& policy() const noexcept;

  /// Opaque: the checked policy, prepared keys and cache, defined and used only inside the
  /// library.
  struct Impl;

 private:
  explicit Verifier(std::shared_ptr<const Impl> state) noexcept : state_(std::move(state)) {}
  std::shared_ptr<const Impl> state_;
};

}  // namespace jwtcheck
