// jwtcheck CLI — the issuers a verifying command trusts, as one library IssuerSet: each with its
// policy and keys. The token's "iss" picks the issuer (IssuerSet's dispatch, read before any key
// is looked up); only that issuer's keys are fetched, and a token naming an issuer not given
// causes no request at all (remote keys load on first use: DeferredKeySource).
#pragma once

#include "common_options.hpp"
#include "deferred_key_source.hpp"

#include <jwtcheck/issuers.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jwtcheck::cli {

class IssuerVerifiers {
 public:
  /// The policy to require of tokens from one issuer (errors: invalid_policy, a usage error).
  using PolicyFor = std::function<Result<Policy>(const std::string& issuer)>;

  /// One entry per issuer (the --issuer values, else `default_issuer`). Keys: static flags load
  /// at once and are shared; --jwks-url or `tenant_domain` is one remote source all issuers share;
  /// else each issuer's own discovery document (OpenID Connect, RFC 8414 as the fallback).
  /// Errors: invalid_policy (no issuer, bad flags) and the static key files' errors.
  static Result<IssuerVerifiers> create(const std::vector<std::string>& issuers, const std::string& default_issuer,
                                        const PolicyFor& policy_for, const KeyFlags& keys,
                                        const std::string& tenant_domain, const HttpOptions& http,
                                        const std::string& token_kid, const VerifierOptions& options);

  /// Every check of `token`. With one issuer, its Verifier's (a token from another issuer is
  /// reported as issuer_mismatch, expected vs actual); with several, the IssuerSet's
  /// (unknown_issuer when the token names none of them).
  Report check(std::string_view token) const;
  /// The server path of the same choice.
  Result<VerifiedToken> verify(std::string_view token) const;

  /// Why the keys a check asked for could not be loaded (the fetch's own error), if so.
  std::optional<Error> load_error() const;
  /// Remarks made while loading static keys (JWKS entries skipped, and why).
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  /// Whether any policy requires scopes.
  bool scopes_required() const noexcept { return scopes_required_; }

 private:
  IssuerVerifiers(IssuerSet set) : set_(std::move(set)) {}

  IssuerSet set_;
  std::vector<std::shared_ptr<DeferredKeySource>> deferred_;
  std::vector<std::string> warnings_;
  bool scopes_required_ = false;
};

}  // namespace jwtcheck::cli
