#include "issuer_verifiers.hpp"

#include "key_sources.hpp"

#include <utility>

namespace jwtcheck::cli {

namespace {

// What load_keys makes, deferred until a verify asks for keys: the remote source's first
// request is made then, for that issuer only.
std::shared_ptr<DeferredKeySource> deferred_keys(const KeyFlags& keys, const std::string& tenant_domain,
                                                 const std::vector<Alg>& algs, const HttpOptions& http,
                                                 const std::string& token_kid, const std::string& discovery_issuer) {
  return std::make_shared<DeferredKeySource>(
      [=]() -> Result<std::shared_ptr<KeySource>> {
        auto loaded = load_keys(keys, tenant_domain, algs, http, token_kid, discovery_issuer);
        if (!loaded) return std::move(loaded).error();
        return std::move(loaded->source);
      });
}

}  // namespace

Result<IssuerVerifiers> IssuerVerifiers::create(const std::vector<std::string>& issuers,
                                                const std::string& default_issuer, const PolicyFor& policy_for,
                                                const KeyFlags& keys, const std::string& tenant_domain,
                                                const HttpOptions& http, const std::string& token_kid,
                                                const VerifierOptions& options) {
  std::vector<std::string> names = issuers;
  if (names.empty() && !default_issuer.empty()) names.push_back(default_issuer);
  if (names.empty()) return Error{ErrorCode::invalid_policy, "no issuer to check: give --issuer (or --tenant)"};
  std::vector<IssuerEntry> entries(names.size());
  bool scopes_required = false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto policy = policy_for(names[i]);
    if (!policy) return std::move(policy).error();
    scopes_required = scopes_required || !policy->required_scopes.empty();
    entries[i].policy = std::move(*policy);
    entries[i].options = options;
  }
  const std::vector<Alg> algs = entries.front().policy.algorithms;  // the same flags for every issuer

  std::vector<std::shared_ptr<DeferredKeySource>> deferred;
  std::vector<std::string> warnings;
  const bool has_static = !keys.jwks_file.empty() || !keys.key_file.empty() || !keys.hs_secret_file.empty();
  if (has_static) {  // files: read now (no request), shared by every issuer
    auto loaded = load_keys(keys, tenant_domain, algs, http, token_kid);
    if (!loaded) return std::move(loaded).error();
    warnings = loaded->warnings;
    for (IssuerEntry& entry : entries) {
      if (loaded->one_key) entry.single_key = SingleKey{*loaded->one_key, loaded->one_alg};
      else entry.keys = loaded->source;
    }
  } else if (!keys.jwks_url.empty() || !tenant_domain.empty()) {  // one remote JWKS for every issuer
    auto shared = deferred_keys(keys, tenant_domain, algs, http, token_kid, {});
    deferred.push_back(shared);
    for (IssuerEntry& entry : entries) entry.keys = shared;
  } else {  // each issuer's own discovery document
    for (std::size_t i = 0; i < entries.size(); ++i) {
      deferred.push_back(deferred_keys(keys, {}, algs, http, token_kid, names[i]));
      entries[i].keys = deferred.back();
    }
  }

  auto set = IssuerSet::create(std::move(entries));
  if (!set) return std::move(set).error();
  IssuerVerifiers verifiers(std::move(*set));
  verifiers.deferred_ = std::move(deferred);
  verifiers.warnings_ = std::move(warnings);
  verifiers.scopes_required_ = scopes_required;
  return verifiers;
}

Report IssuerVerifiers::check(std::string_view token) const {
  const std::vector<std::string> issuers = set_.issuers();
  if (issuers.size() == 1) return set_.verifier_for(issuers.front())->check(token);
  return set_.check(token);
}

Result<VerifiedToken> IssuerVerifiers::verify(std::string_view token) const {
  const std::vector<std::string> issuers = set_.issuers();
  if (issuers.size() == 1) return set_.verifier_for(issuers.front())->verify(token);
  return set_.verify(token);
}

std::optional<Error> IssuerVerifiers::load_error() const {
  for (const auto& source : deferred_)
    if (auto error = source->load_error()) return error;
  return std::nullopt;
}

}  // namespace jwtcheck::cli
