#include "jwtcheck_cases.hpp"

#include <jwtcheck/dpop.hpp>
#include <jwtcheck/fetch/client_key.hpp>
#include <jwtcheck/fetch/dpop_proof.hpp>
#include <jwtcheck/issuers.hpp>
#include <jwtcheck/verifier.hpp>

#include "signals/sharded_counters.hpp"

#include <memory>
#include <string>
#include <vector>

namespace bench {
namespace {

jwtcheck::Result<jwtcheck::Verifier> create(jwtcheck::Policy policy, jwtcheck::KeySet keys,
                                            jwtcheck::VerifierOptions options = {}) {
  return jwtcheck::Verifier::create(std::move(policy), std::move(keys), std::move(options));
}

std::shared_ptr<const jwtcheck::Verifier> make_verifier(jwtcheck::Policy policy, jwtcheck::KeySet keys,
                                                        jwtcheck::VerifierOptions options = {}) {
  auto verifier = create(std::move(policy), std::move(keys), std::move(options));
  if (!verifier) fail("Verifier::create: " + verifier.error().message);
  return std::make_shared<const jwtcheck::Verifier>(std::move(verifier).value());
}

BenchCase verify_case(std::string name, CaseKind kind, std::shared_ptr<const jwtcheck::Verifier> verifier) {
  return {std::move(name), kind, [verifier] {
            return VerifyFn([verifier](const Sample& s) { return verifier->verify(s.token).ok(); });
          }, {}, 1};
}

// An IssuerSet of `count` issuers, each with its own fixed key set; the token's issuer is in the
// middle of the list (the others differ only in their name).
std::shared_ptr<const jwtcheck::IssuerSet> make_issuer_set(const AlgFixture& f, std::size_t count) {
  std::vector<jwtcheck::IssuerEntry> entries;
  for (std::size_t i = 0; i < count; ++i) {
    jwtcheck::IssuerEntry entry;
    entry.policy = f.policy;
    if (i != count / 2) entry.policy.issuer = "https://tenant-" + std::to_string(i) + ".example.test/";
    entry.keys = std::make_shared<jwtcheck::StaticKeySource>(f.one_key);
    entries.push_back(std::move(entry));
  }
  auto set = jwtcheck::IssuerSet::create(std::move(entries));
  if (!set) fail("IssuerSet::create: " + set.error().message);
  return std::make_shared<const jwtcheck::IssuerSet>(std::move(set).value());
}

// The same verify, counted as IssuerSet counts it (lib/signals/sharded_counters.hpp).
BenchCase counted_verify_case(std::string name, std::shared_ptr<const jwtcheck::Verifier> verifier) {
  auto counters = std::make_shared<jwtcheck::detail::CounterSet>();
  return {std::move(name), CaseKind::jwtcheck, [verifier, counters] {
            return VerifyFn([verifier, counters](const Sample& s) {
              auto verified = verifier->verify(s.token);
              if (verified) counters->count_accepted();
              else counters->count_refused(verified.error().code);
              return verified.ok();
            });
          }, {}, 1};
}

BenchCase issuer_set_case(std::string name, std::shared_ptr<const jwtcheck::IssuerSet> set) {
  return {std::move(name), CaseKind::jwtcheck, [set] {
            return VerifyFn([set](const Sample& s) { return set->verify(s.token).ok(); });
          }, {}, 1};
}

// The access token, then a DPoP proof for it (RFC 9449: signature by the proof's own jwk, htm,
// htu, iat, ath, jti), the proofs made by `proof_keys` keys in turn. The timed loop repeats the
// proofs: the replay cache refuses the repeats with dpop_jti_replayed, which it decides only after
// every other check (signature included), so each iteration does the whole work of a fresh proof;
// a repeat counts as checked, any other refusal not. Without `verifier`, the proofs alone.
BenchCase dpop_case(std::string name, std::shared_ptr<const jwtcheck::Verifier> verifier, const AlgFixture& f,
                    std::size_t proof_keys, std::size_t key_cache_entries) {
  struct Proof {
    std::string proof, jkt;
  };
  const std::string url = "https://api.example.test/reports";
  auto proofs = std::make_shared<std::vector<Proof>>();
  for (std::size_t i = 0; i < proof_keys; ++i) {
    auto signing_key = jwtcheck::testing::SigningKey::generate(jwtcheck::Alg::ES256);
    if (!signing_key) fail("DPoP key: " + signing_key.error().message);
    auto key = jwtcheck::ClientKey::from_pem(signing_key->private_pem());
    if (!key) fail("DPoP key: " + key.error().message);
    auto proof = jwtcheck::make_dpop_proof(*key, {"GET", url, f.samples.valid.token, {}});
    if (!proof) fail("DPoP proof: " + proof.error().message);
    proofs->push_back({std::move(*proof), key->thumbprint()});
  }
  jwtcheck::DpopOptions options;
  options.key_cache_entries = key_cache_entries;
  auto created = jwtcheck::DpopVerifier::create(options);
  if (!created) fail("DpopVerifier::create: " + created.error().message);
  auto dpop = std::make_shared<const jwtcheck::DpopVerifier>(std::move(*created));
  return {std::move(name), CaseKind::jwtcheck, [verifier, dpop, proofs, url] {
            auto next = std::make_shared<std::size_t>(0);  // per thread
            return VerifyFn([verifier, dpop, proofs, url, next](const Sample& s) {
              if (verifier && !verifier->verify(s.token).ok()) return false;
              const Proof& p = (*proofs)[*next];
              *next = (*next + 1) % proofs->size();
              auto checked = dpop->verify({s.token, p.proof, "GET", url, {}}, p.jkt);
              return checked.ok() || checked.error().code == jwtcheck::ErrorCode::dpop_jti_replayed;
            });
          }, {}, 1};
}

// Timed: verify the distinct tokens in turn (each thread its own position), so that with a cache
// smaller than the pool every lookup misses.
std::function<Operation(VerifyFn)> cycle_through(std::shared_ptr<const std::vector<Sample>> pool) {
  return [pool](VerifyFn verify) {
    auto next = std::make_shared<std::size_t>(0);
    return Operation([pool, next, verify] {
      const Sample& s = (*pool)[*next];
      *next = (*next + 1) % pool->size();
      return verify(s);
    });
  };
}

}  // namespace

std::string& cache_refusal() {
  static std::string message;
  return message;
}

std::vector<BenchCase> jwtcheck_cases(const AlgFixture& f) {
  std::vector<BenchCase> cases;
  cases.push_back(verify_case(jwtcheck_one_key, CaseKind::jwtcheck, make_verifier(f.policy, f.one_key)));
  cases.push_back(verify_case(jwtcheck_hundred_keys, CaseKind::jwtcheck, make_verifier(f.policy, f.hundred_keys)));
  cases.push_back(verify_case(jwtcheck_many_scopes, CaseKind::jwtcheck, make_verifier(f.policy, f.one_key)));
  cases.back().timed = [&many = f.many_scopes](VerifyFn verify) { return Operation([&many, verify] { return verify(many); }); };
  cases.push_back(issuer_set_case(issuer_set_one, make_issuer_set(f, 1)));
  cases.push_back(issuer_set_case(issuer_set_fifty, make_issuer_set(f, 50)));
  cases.push_back(counted_verify_case(jwtcheck_one_key_counted, make_verifier(f.policy, f.one_key)));
  if (f.alg == jwtcheck::Alg::ES256) {
    const std::size_t default_cache = jwtcheck::DpopOptions{}.key_cache_entries;
    cases.push_back(dpop_case(dpop_verify, make_verifier(f.policy, f.one_key), f, 1, default_cache));
    cases.push_back(dpop_case(dpop_proof_alone, nullptr, f, 1, default_cache));
    cases.push_back(dpop_case(dpop_verify_no_key_cache, make_verifier(f.policy, f.one_key), f, 1, 0));
    cases.push_back(dpop_case(dpop_verify_key_misses, make_verifier(f.policy, f.one_key), f, 16, 8));
  }

  // Half the pool of distinct tokens: the pool never fits, so every lookup of the miss case misses.
  jwtcheck::VerifierOptions cached;  // (a designated initializer trips -Wmissing-field-initializers)
  cached.cache_entries = f.distinct_tokens.size() / 2;
  if (auto refused = create(f.policy, f.one_key, cached); !refused) {
    cache_refusal() = refused.error().message;  // reported in the notes; the cache cases are left out
    return cases;
  }
  cases.push_back(verify_case(cache_hit, CaseKind::cache, make_verifier(f.policy, f.one_key, cached)));

  auto pool = std::make_shared<std::vector<Sample>>();
  for (const auto& token : f.distinct_tokens) pool->push_back(Sample{token, {}, {}});
  cases.push_back(verify_case(cache_miss, CaseKind::cache, make_verifier(f.policy, f.one_key, cached)));
  cases.back().timed = cycle_through(pool);
  cases.push_back(verify_case(uncached_distinct, CaseKind::cache, make_verifier(f.policy, f.one_key)));
  cases.back().timed = cycle_through(pool);
  return cases;
}

}  // namespace bench
