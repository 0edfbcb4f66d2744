// jwtcheck's own cases: the full server-path verify (decode, key lookup, signature, every claim of
// the Auth0 policy, scopes) with 1 and 100 keys, a token with 20 scopes, through an IssuerSet of 1 and 50 issuers (iss
// lookup and per-issuer counting included), and the verified-token cache (hit, miss).
#pragma once

#include "bench_case.hpp"
#include "fixture.hpp"

#include <string>
#include <vector>

namespace bench {

inline constexpr const char* jwtcheck_one_key = "jwtcheck: verify, 1 key";
inline constexpr const char* jwtcheck_hundred_keys = "jwtcheck: verify, 100 keys";
inline constexpr const char* jwtcheck_many_scopes = "jwtcheck: verify, 20 scopes";
inline constexpr const char* cache_hit = "jwtcheck: cache hit (same token)";
inline constexpr const char* cache_miss = "jwtcheck: cache miss (distinct tokens)";
inline constexpr const char* uncached_distinct = "jwtcheck: no cache (same distinct tokens)";
inline constexpr const char* issuer_set_one = "jwtcheck: IssuerSet, 1 issuer";
inline constexpr const char* issuer_set_fifty = "jwtcheck: IssuerSet, 50 issuers";
/// "verify, 1 key" plus what IssuerSet counts per verify (its sharded counters), nothing else:
/// the counters' own cost, against "verify, 1 key" in the same run.
inline constexpr const char* jwtcheck_one_key_counted = "jwtcheck: verify, 1 key, counted";
/// ES256 only: the access token (as jwtcheck_one_key) and then its DPoP proof (ES256, with ath),
/// so the report shows what a proof adds to the access token alone.
inline constexpr const char* dpop_verify = "jwtcheck: verify + DPoP proof, 1 key";
/// The DPoP proof of dpop_verify alone, without the access token's verify: what the proof check
/// costs, against "verify, 1 key" in the same run.
inline constexpr const char* dpop_proof_alone = "jwtcheck: DPoP proof alone, 1 key";
/// verify + DPoP proof with DpopOptions::key_cache_entries = 0: each proof's jwk imported afresh.
inline constexpr const char* dpop_verify_no_key_cache = "jwtcheck: verify + DPoP proof, key cache off";
/// The same with proofs by 16 keys in turn and a cache of 8: every proof's key misses the cache
/// (an import, an insertion and an eviction each).
inline constexpr const char* dpop_verify_key_misses = "jwtcheck: verify + DPoP proof, every key a miss";

/// Why Verifier::create refused VerifierOptions::cache_entries > 0 (empty if it did not); the
/// cache cases are then left out.
std::string& cache_refusal();

/// The cases above, in that order.
std::vector<BenchCase> jwtcheck_cases(const AlgFixture& fixture);

}  // namespace bench
