// Verifier: creation (policy checks), verify (server path), check (inspection path).
#include <jwtcheck/verifier.hpp>

#include "verify/check_sinks.hpp"
#include "verify/token_checks.hpp"
#include "verify/verified_data.hpp"
#include "verify/verifier_state.hpp"

#include <memory>

namespace jwtcheck {

Result<Verifier> Verifier::create(Policy policy, std::shared_ptr<KeySource> keys, VerifierOptions options) {
  auto state = detail::make_verifier_state(std::move(policy), std::move(keys), std::move(options));
  if (!state) return std::move(state).error();
  return Verifier(std::move(*state));
}

Result<Verifier> Verifier::create(Policy policy, KeySet keys, VerifierOptions options) {
  return create(std::move(policy), std::make_shared<StaticKeySource>(std::move(keys)), std::move(options));
}

const Policy& Verifier::policy() const noexcept { return state_->policy; }

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
  const std::int64_t now = state.policy.clock();
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

Result<VerifiedToken> Verifier::verify(std::string_view token) const {
  if (state_->cache) return verify_cached(*state_, token);
  return verify_uncached(*state_, token);
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
  report.valid = report.errors.empty();
  return report;
}

}  // namespace jwtcheck
