// jwtcheck authz — the trusted issuers, as the library's IssuerSet (each with its own key source
// and Verifier) plus what the service needs of each entry (scopes, DPoP). The token's iss picks
// the issuer before any key is looked up (IssuerSet), so keys are scoped to their issuer and a
// token naming an unknown issuer causes no fetch at all; the set counts every outcome per issuer.
#pragma once

#include "authz_config.hpp"

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/issuers.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/verifier.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jwtcheck::cli::authz {

struct Issuer {
  IssuerConfig config;
  std::shared_ptr<KeySource> keys;
  std::shared_ptr<RemoteKeySource> remote;  ///< null for a JWKS file
  const Verifier* verifier = nullptr;  ///< its Verifier, inside the registry's IssuerSet
};

class IssuerRegistry {
 public:
  /// Builds every issuer: JWKS files are read now; remote key sources start fetching in the
  /// background (nothing waits for them). Errors name the issuer entry.
  static Result<std::unique_ptr<IssuerRegistry>> build(const AuthzConfig& config);
  /// What build() checks that needs no network (policies, JWKS and CA files, key source
  /// addresses), without building anything: for `jwtcheck config check`. Errors name the entry.
  static Result<void> check(const AuthzConfig& config);

  /// The library's dispatch: the token's iss picks the issuer, its Verifier verifies, and the
  /// outcome is counted in that issuer's signals. Thread-safe, no I/O.
  Result<VerifiedToken> verify(std::string_view token) const noexcept { return set_->verify(token); }
  /// Every counter and health state of the issuers (jwtcheck/signals.hpp), for /metrics.
  SignalsSnapshot snapshot() const { return set_->snapshot(); }

  /// The issuer whose URL equals `iss` exactly, or nullptr.
  const Issuer* find(std::string_view iss) const noexcept;
  const std::vector<std::unique_ptr<Issuer>>& issuers() const noexcept { return issuers_; }

 private:
  std::optional<IssuerSet> set_;
  std::vector<std::unique_ptr<Issuer>> issuers_;
  std::unordered_map<std::string_view, const Issuer*> by_url_;
};

}  // namespace jwtcheck::cli::authz
