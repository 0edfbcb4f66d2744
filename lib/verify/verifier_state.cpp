#include "verify/verifier_state.hpp"

#include "json/message_quote.hpp"

#include <algorithm>
#include <string>

namespace jwtcheck::detail {

namespace {

Error invalid_policy(std::string message) { return Error{ErrorCode::invalid_policy, "policy: " + std::move(message)}; }

Result<void> check_strings(const Policy& p) {
  if (p.issuer.empty()) return invalid_policy("issuer is empty");
  if (p.audiences.empty()) return invalid_policy("no audience configured");
  if (std::any_of(p.audiences.begin(), p.audiences.end(), [](const std::string& a) { return a.empty(); }))
    return invalid_policy("an audience is empty");
  if (p.expected_client_id && p.expected_client_id->empty()) return invalid_policy("expected_client_id is empty");
  if (p.required_gty && p.required_gty->empty()) return invalid_policy("required_gty is empty");
  for (const auto& scope : p.required_scopes)
    if (scope.empty() || scope.find(' ') != std::string::npos)
      return invalid_policy("required scope " + quote_for_message(scope) + " is empty or contains a space");
  for (const auto& typ : p.typ_allowlist)
    if (typ.empty()) return invalid_policy("an allowed typ is empty");
  return {};
}

Result<void> check_numbers(const Policy& p) {
  if (p.leeway.count() < 0) return invalid_policy("leeway is negative");
  if (p.max_age && p.max_age->count() < 0) return invalid_policy("max_age is negative");
  if (p.limits.max_json_depth == 0) return invalid_policy("limits.max_json_depth is 0");
  if (p.limits.max_json_depth > max_json_depth_ceiling)
    return invalid_policy("limits.max_json_depth " + std::to_string(p.limits.max_json_depth) + " is above " +
                          std::to_string(max_json_depth_ceiling) + " (max_json_depth_ceiling)");
  return {};
}

Result<void> check_options(const VerifierOptions& o) {
  if (o.cache_entries > kMaxCacheEntries)
    return invalid_policy("cache_entries " + std::to_string(o.cache_entries) + " is above the limit of " +
                          std::to_string(kMaxCacheEntries));
  if (o.max_key_wait.count() < 0) return invalid_policy("max_key_wait is negative");
  return {};
}

// HS* only when listed, and only with a fixed key set holding an HMAC key for that alg.
Result<AlgSet> effective_algorithms(const Policy& p, const KeySet* fixed_keys) {
  if (p.algorithms.empty()) return AlgSet::asymmetric();
  AlgSet allowed;
  for (Alg alg : p.algorithms) {
    if (is_hmac(alg)) {
      const std::string name(alg_name(alg));
      if (!fixed_keys)
        return invalid_policy(name + " is allowed but the key source is not a fixed key set: HMAC secrets are only "
                                     "accepted through hmac_key() in a fixed KeySet");
      const auto keys = fixed_keys->keys();
      if (std::none_of(keys.begin(), keys.end(), [&](const Key& k) { return k.type() == KeyType::oct && k.can_verify(alg); }))
        return invalid_policy(name + " is allowed but the key set has no HMAC key for it");
    }
    allowed.add(alg);
  }
  return allowed;
}

// The cache only holds tokens verified by a key with a thumbprint (not an HMAC secret). A fixed
// set of secrets alone would make every verify look the token up in vain.
bool may_hold_cacheable_keys(const KeySet* fixed_keys) {
  if (!fixed_keys) return true;  // a key source's set can change
  const auto keys = fixed_keys->keys();
  return std::any_of(keys.begin(), keys.end(), [](const Key& k) { return !k.thumbprint().empty(); });
}

}  // namespace

Result<std::shared_ptr<const VerifierState>> make_verifier_state(Policy policy, std::shared_ptr<KeySource> source,
                                                                 VerifierOptions options, bool single_key) {
  if (!source) return invalid_policy("no key source");
  if (auto r = check_strings(policy); !r) return r.error();
  if (auto r = check_numbers(policy); !r) return r.error();
  if (auto r = check_options(options); !r) return r.error();
  auto state = std::make_shared<VerifierState>();
  state->single_key = single_key;
  // A StaticKeySource never changes: take its set once, so verify() does no virtual call and
  // no reference counting for it.
  std::shared_ptr<const KeySet> fixed_keys;
  if (dynamic_cast<StaticKeySource*>(source.get())) {
    auto current = source->current();
    if (!current || !*current) return invalid_policy("the static key source has no key set");
    fixed_keys = std::move(*current);
  } else {
    state->source = std::move(source);
  }
  auto allowed = effective_algorithms(policy, fixed_keys.get());
  if (!allowed) return std::move(allowed).error();
  state->allowed = *allowed;
  const std::vector<Alg> algs = state->allowed.algs();
  auto algorithms = OpensslAlgorithms::fetch(options.openssl_libctx, options.openssl_properties, algs);
  if (!algorithms) return std::move(algorithms).error();
  state->algorithms = std::move(*algorithms);
  if (fixed_keys)
    state->fixed_keys = std::make_shared<const PreparedKeySet>(fixed_keys, algs, *state->algorithms);
  else
    state->memo = std::make_unique<PreparedKeySetMemo>(algs, state->algorithms);
  if (!options.clock) options.clock = system_clock_now;
  if (options.cache_entries > 0 && may_hold_cacheable_keys(fixed_keys.get()))
    state->cache = std::make_unique<VerifiedTokenCache>(options.cache_entries);
  state->policy = std::move(policy);
  state->options = std::move(options);
  // Prepared where the policy now lives for good: the requirements point into it.
  auto requirements = prepare_requirements(state->policy);
  if (!requirements) return std::move(requirements).error();
  state->requirements = std::move(*requirements);
  return std::shared_ptr<const VerifierState>(std::move(state));
}

}  // namespace jwtcheck::detail
