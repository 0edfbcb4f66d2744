// jwtcheck authz — the trusted issuers, each with its own key source and Verifier.
// The token's iss (read unverified) picks the issuer before any key is looked up, so keys are
// scoped to their issuer and a token naming an unknown issuer causes no fetch at all.
#pragma once

#include "authz_config.hpp"

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/verifier.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jwtcheck::cli::authz {

struct Issuer {
  IssuerConfig config;
  std::shared_ptr<KeySource> keys;
  std::shared_ptr<RemoteKeySource> remote;  ///< null for a JWKS file
  std::unique_ptr<Verifier> verifier;
};

class IssuerRegistry {
 public:
  /// Builds every issuer: JWKS files are read now; remote key sources start fetching in the
  /// background (nothing waits for them). Errors name the issuer entry.
  static Result<std::unique_ptr<IssuerRegistry>> build(const AuthzConfig& config);
  /// What build() checks that needs no network (policies, JWKS and CA files, key source
  /// addresses), without building anything: for `jwtcheck config check`. Errors name the entry.
  static Result<void> check(const AuthzConfig& config);

  /// The issuer whose URL equals `iss` exactly, or nullptr.
  const Issuer* find(std::string_view iss) const noexcept;
  const std::vector<std::unique_ptr<Issuer>>& issuers() const noexcept { return issuers_; }
  /// Empty when every issuer has usable keys; else why not, one issuer after the other.
  std::string not_ready_reason() const;

 private:
  std::vector<std::unique_ptr<Issuer>> issuers_;
  std::unordered_map<std::string_view, const Issuer*> by_url_;
};

}  // namespace jwtcheck::cli::authz
