// jwtcheck — one verifier over many issuers (libjwtcheck-fetch).
//
// Each issuer has its own Policy (issuer, audiences, profile, …), its own key source and its own
// VerifierOptions. The token's "iss" (read before any key is looked up, compared exactly) picks
// the issuer; a token naming no configured issuer is refused with unknown_issuer and asks no key
// source for anything. Keys are scoped to their issuer: a token is only ever checked against the
// keys of the issuer it names, so a kid two issuers share, with different keys, never lets one
// issuer's key verify the other's token. Two issuers may share one key source (an Auth0 custom
// domain and the canonical TENANT.auth0.com: two issuers, one JWKS): pass the same shared_ptr.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/signals.hpp>
#include <jwtcheck/verifier.hpp>
#include <jwtcheck/verifier_options.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck {

/// One key that verifies every token of its issuer, whatever kid the token names, only as `alg`
/// (Verifier::create's one-key form).
struct SingleKey {
  Key key;  ///< a public key or certificate, a public JWK, or an HMAC secret
  Alg alg;  ///< the only algorithm accepted
};

/// One trusted issuer.
struct IssuerEntry {
  /// What its tokens must be. policy.issuer is the issuer, matched exactly against "iss".
  Policy policy;
  /// Where its keys come from: RemoteKeySource::from_discovery / from_jwks_url / from_domain, a
  /// StaticKeySource (e.g. load_jwks_file), or any KeySource. Several entries may share one.
  /// Leave null when single_key is set.
  std::shared_ptr<KeySource> keys;
  /// Instead of `keys`: one pinned key.
  std::optional<SingleKey> single_key;
  /// How its Verifier runs (clock, cache, max_key_wait…).
  VerifierOptions options;
};

/// Reads a JWKS file into a fixed key source (for IssuerEntry::keys). Errors: io_error naming the
/// file, or parse_jwks's (invalid_jwks, too_many_keys), and invalid_jwks when no key is usable.
JWTCHECK_API Result<std::shared_ptr<KeySource>> load_jwks_file(const std::string& path, const Limits& limits = {});

/// Verifies tokens from a set of issuers. Immutable after creation, thread-safe; verify() takes no
/// lock and does no I/O, as Verifier::verify. Counts every outcome (signals.hpp): snapshot().
class JWTCHECK_API IssuerSet {
 public:
  /// Builds one Verifier per entry. Fails with invalid_policy naming the entry (by issuer) when
  /// the list is empty, an issuer is empty or given twice, an entry has neither keys nor a
  /// single key (or both), or its Verifier cannot be made.
  static Result<IssuerSet> create(std::vector<IssuerEntry> entries, std::shared_ptr<SignalObserver> observer = nullptr);

  /// The server path: picks the issuer by "iss", then its Verifier::verify. Never throws.
  /// Errors of its own: unknown_issuer ("iss" names no configured issuer; nothing was fetched),
  /// missing_claim / invalid_claim ("iss" absent or not a string), and the decoding errors of a
  /// token whose claims cannot be read (malformed_token, invalid_json…).
  Result<VerifiedToken> verify(std::string_view token) const noexcept;
  /// The inspection path: the chosen issuer's Verifier::check. A token whose issuer cannot be
  /// chosen gets a Report with that one error (and its decoded parts when they decode).
  Report check(std::string_view token) const;

  /// The Verifier of the issuer `iss` (exact match), or nullptr.
  const Verifier* verifier_for(std::string_view iss) const noexcept;
  /// Every configured issuer, in the order given.
  std::vector<std::string> issuers() const;

  /// Every counter and health state now (signals.hpp). Also notices fetch failures, key-set
  /// changes and health changes since the last call and reports them to the observer, after
  /// every lock is released. Call it (or poll()) periodically to get those callbacks promptly.
  SignalsSnapshot snapshot() const;
  /// snapshot() for its callbacks only.
  void poll() const;

  /// Opaque: the issuers, their Verifiers and counters, defined and used only inside the library.
  struct Impl;

 private:
  explicit IssuerSet(std::shared_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace jwtcheck
