#include "issuer_registry.hpp"

#include "../common_options.hpp"
#include "../key_sources.hpp"

#include <jwtcheck/alg.hpp>

#include <chrono>
#include <fstream>

namespace jwtcheck::cli::authz {

namespace {

Error named(const IssuerConfig& issuer, const Error& error) {
  return Error{error.code, issuer.where + ": issuer \"" + issuer.issuer + "\": " + error.message};
}

Result<std::shared_ptr<KeySource>> jwks_file_source(const IssuerConfig& issuer) {
  KeyFlags flags;
  flags.jwks_file = issuer.jwks_file;
  auto loaded = load_keys(flags, "", {}, HttpOptions{}, "");
  if (!loaded) return std::move(loaded).error();
  return loaded->source;
}

Result<std::shared_ptr<RemoteKeySource>> remote_source(const IssuerConfig& issuer) {
  RemoteKeySourceOptions options;
  options.http.ca_file = issuer.cacert;
  options.unknown_kid_cooldown = std::chrono::seconds(issuer.refetch_cooldown_seconds);
  if (!issuer.jwks_url.empty()) return RemoteKeySource::from_jwks_url(issuer.jwks_url, options);
  if (!issuer.tenant.empty()) {
    auto domain = tenant_domain(issuer.tenant);
    if (!domain) return std::move(domain).error();
    return RemoteKeySource::from_domain(*domain, options);
  }
  return RemoteKeySource::from_discovery(issuer.issuer, DiscoveryKind::openid_configuration, options);
}

Result<Policy> policy_for(const IssuerConfig& issuer) {
  Policy policy;
  policy.issuer = issuer.issuer;
  policy.audiences = issuer.audiences;
  policy.subject_suffix = issuer.subject_suffix;
  policy.profile = issuer.profile;
  policy.leeway = std::chrono::seconds(issuer.leeway_seconds);
  for (const std::string& name : issuer.algorithms) {
    const auto alg = alg_from_name(name);
    if (!alg) return Error{ErrorCode::invalid_policy, "algorithms: unknown algorithm \"" + name + "\""};
    if (is_hmac(*alg)) return Error{ErrorCode::invalid_policy, "algorithms: HS* needs a shared secret, which authz does not take"};
    policy.algorithms.push_back(*alg);
  }
  // Scopes are checked by the service after verification, so that a missing one is a 403.
  return policy;
}

// What can be checked of an issuer entry without any network: its policy, its JWKS file, its CA
// file and the form of its key source's address.
Result<void> check_issuer(const IssuerConfig& issuer) {
  if (auto policy = policy_for(issuer); !policy) return std::move(policy).error();
  if (!issuer.cacert.empty() && !std::ifstream(issuer.cacert)) {
    return Error{ErrorCode::io_error, "cacert: cannot read \"" + issuer.cacert + "\""};
  }
  if (!issuer.jwks_file.empty()) {
    if (auto source = jwks_file_source(issuer); !source) return std::move(source).error();
  }
  if (!issuer.jwks_url.empty() && issuer.jwks_url.rfind("https://", 0) != 0) {
    return Error{ErrorCode::invalid_policy, "jwks_url: keys are fetched over https only"};
  }
  if (!issuer.tenant.empty()) {
    if (auto domain = tenant_domain(issuer.tenant); !domain) return std::move(domain).error();
  }
  if (issuer.discovery && issuer.issuer.rfind("https://", 0) != 0) {
    return Error{ErrorCode::invalid_policy, "discovery: the issuer must be an https URL"};
  }
  return {};
}

}  // namespace

Result<void> IssuerRegistry::check(const AuthzConfig& config) {
  for (const IssuerConfig& issuer : config.issuers) {
    if (auto checked = check_issuer(issuer); !checked) return named(issuer, checked.error());
  }
  return {};
}

Result<std::unique_ptr<IssuerRegistry>> IssuerRegistry::build(const AuthzConfig& config) {
  if (auto checked = check(config); !checked) return std::move(checked).error();
  auto registry = std::make_unique<IssuerRegistry>();
  VerifierOptions options;
  options.cache_entries = static_cast<std::size_t>(config.cache_entries);
  options.max_key_wait = std::chrono::milliseconds(config.max_key_wait_ms);
  std::vector<IssuerEntry> entries;
  for (const IssuerConfig& issuer_config : config.issuers) {
    auto issuer = std::make_unique<Issuer>();
    issuer->config = issuer_config;
    auto policy = policy_for(issuer_config);
    if (!policy) return named(issuer_config, policy.error());
    if (!issuer_config.jwks_file.empty()) {
      auto source = jwks_file_source(issuer_config);
      if (!source) return named(issuer_config, source.error());
      issuer->keys = std::move(*source);
    } else {
      auto source = remote_source(issuer_config);
      if (!source) return named(issuer_config, source.error());
      issuer->remote = *source;
      issuer->keys = std::move(*source);
    }
    // Its Verifier alone first: a policy it refuses is named by the entry's file and line.
    if (auto verifier = Verifier::create(*policy, issuer->keys, options); !verifier)
      return named(issuer_config, verifier.error());
    IssuerEntry entry;
    entry.policy = std::move(*policy);
    entry.keys = issuer->keys;
    entry.options = options;
    entries.push_back(std::move(entry));
    registry->issuers_.push_back(std::move(issuer));
  }
  auto set = IssuerSet::create(std::move(entries));
  if (!set) return std::move(set).error();  // names the entry (e.g. an issuer given twice)
  registry->set_.emplace(std::move(*set));
  for (const auto& issuer : registry->issuers_) {
    issuer->verifier = registry->set_->verifier_for(issuer->config.issuer);
    registry->by_url_.emplace(issuer->config.issuer, issuer.get());
  }
  return registry;
}

const Issuer* IssuerRegistry::find(std::string_view iss) const noexcept {
  auto found = by_url_.find(iss);
  return found == by_url_.end() ? nullptr : found->second;
}

}  // namespace jwtcheck::cli::authz
