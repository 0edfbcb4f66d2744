// Verifier: creation (policy checks), verify (server path), check (inspection path).
#include <jwtcheck/verifier.hpp>

#include "verify/check_sinks.hpp"
#include "verify/token_checks.hpp"
#include "verify/verified_data.hpp"
#include "verify/verifier_state.hpp"

#include <algorithm>
#include <memory>
#include <new>
#include <string>

namespace jwtcheck {

Result<Verifier> Verifier::create(Policy policy, std::shared_ptr<KeySource> keys, VerifierOptions options) {
  auto state = detail::make_verifier_state(std::move(policy), std::move(keys), std::move(options));
  if (!state) return std::move(state).error();
  return Verifier(std::move(*state));
}

Result<Verifier> Verifier::create(Policy policy, KeySet keys, VerifierOptions options) {
  return create(std::move(policy), std::make_shared<StaticKeySource>(std::move(keys)), std::move(options));
}

Result<Verifier> Verifier::create(Policy policy, Key key, Alg alg, VerifierOptions options) {
  const std::string name(alg_name(alg));
  if (!policy.algorithms.empty() && std::find(policy.algorithms.begin(), policy.algorithms.end(), alg) == policy.algorithms.end())
    return Error{ErrorCode::invalid_policy, "policy: the key is pinned to " + name + ", which policy.algorithms does not allow"};
  if (!key.can_verify(alg))
    return Error{ErrorCode::invalid_policy, "policy: the one key cannot verify " + name +
                                                (key.type() == KeyType::oct ? " (an HMAC secret verifies only its own HS alg)"
                                                 : is_hmac(alg) ? " (HS* needs an HMAC secret, not a public key)"
                                                                : " (its type, curve or JWK alg/use do not fit)")};
  policy.algorithms = {alg};
  auto state = detail::make_verifier_state(std::move(policy), std::make_shared<StaticKeySource>(KeySet({std::move(key)})),
                                           std::move(options), /*single_key=*/true);
  if (!state) return std::move(state).error();
  return Verifier(std::move(*state));
}

const Policy& Verifier::policy() const noexcept { return state_->policy; }
const VerifierOptions& Verifier::options() const noexcept { return state_->options; }
VerifierCacheCounts Verifier::cache_counts() const noexcept {
  return state_->cache ? state_->cache->counts() : VerifierCacheCounts{};
}

namespace {

Result<VerifiedToken> verify_uncached(const detail::VerifierState& state, std::string_view token) {
  detail::FirstFailureSink sink;
  detail::TokenChecks<detail::FirstFailureSink> checks(state, sink);
  if (!checks.run(token)) return sink.take_error();
  return detail::VerifiedData::wrap(detail::make_verified_data(checks.verified_parts()));
}

// A hit skips decoding and the signature, never the clock: the time checks run again against
// the dates the token carried. A miss verifies in full and remembers the verdict with its key.
Result<VerifiedToken> verify_cached(const detail::VerifierState& state, std::string_view token) {
  if (token.size() > state.policy.limits.max_token_bytes) return verify_uncached(state, token);  // it reports why
  std::shared_ptr<const KeySet> source_keys;
  const KeySet* keys = state.fixed_keys ? &state.fixed_keys->keys() : nullptr;
  if (!keys) {
    auto current = state.source->current();
    if (!current || !*current) return verify_uncached(state, token);  // it reports why
    source_keys = std::move(*current);
    keys = source_keys.get();
  }
  const std::int64_t now = state.options.clock();
  if (auto hit = state.cache->find(token, now, *keys)) {
    detail::FirstFailureSink sink;
    if (!detail::check_times(state.policy, now, {hit->exact_exp, hit->exact_nbf, hit->exact_iat}, sink))
      return sink.take_error();
    return detail::VerifiedData::wrap(std::move(hit));
  }
  detail::FirstFailureSink sink;
  detail::TokenChecks<detail::FirstFailureSink> checks(state, sink);
  if (!checks.run(token)) return sink.take_error();
  auto data = detail::make_verified_data(checks.verified_parts());
  // Only tokens that name their key are kept: a hit must be able to tell that a fresh verify
  // would pick the very same key object (VerifiedTokenCache::find).
  if (const Key* key = checks.key(); key && checks.header().has_kid) state.cache->insert(token, data, *key, now);
  return detail::VerifiedData::wrap(std::move(data));
}

}  // namespace

Result<VerifiedToken> Verifier::verify(std::string_view token) const noexcept {
  try {
    if (state_->cache) return verify_cached(*state_, token);
    return verify_uncached(*state_, token);
  } catch (const std::bad_alloc&) {
    // Short messages: they fit std::string's inline buffer, so reporting allocates nothing.
    return Error{ErrorCode::out_of_memory, "out of memory"};
  } catch (...) {  // thrown by a user-supplied clock or KeySource (the message fits inline too)
    return Error{ErrorCode::keys_unavailable, "callback threw"};
  }
}

namespace {

// Copies what the checks decoded into the report (inspection: allocating is fine here).
void describe_token(const detail::TokenChecks<detail::ReportSink>& checks, Report& report) {
  if (checks.header_decoded()) {
    report.header_json = std::string(checks.header_text());
    report.alg = std::string(checks.header().alg);
    report.kid = std::string(checks.header().kid);
  }
  if (checks.claims_decoded()) report.claims_json = std::string(checks.claims_text());
  if (const Key* key = checks.key()) report.key_thumbprint = std::string(key->thumbprint());
  for (const Scope& scope : checks.scopes().scopes()) report.scopes.push_back(ReportScope{std::string(scope.name), scope.sources});
}

}  // namespace

Report Verifier::check(std::string_view token) const {
  Report report;
  detail::ReportSink sink(report);
  // The decoded token is large; the inspection path keeps it off the caller's stack.
  auto checks = std::make_unique<detail::TokenChecks<detail::ReportSink>>(*state_, sink);
  checks->run(token);
  describe_token(*checks, report);
  report.profile = state_->policy.profile;
  report.valid = report.errors.empty();
  return report;
}

}  // namespace jwtcheck
