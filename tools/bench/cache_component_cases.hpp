// The verified-token cache on its own (lib/verify/verified_token_cache): the cost of a hit
// (lookup by the full token bytes, exp and key-presence checks, copying the stored block), which
// bounds what a repeated token can cost once the Verifier consults the cache.
#pragma once

#include "bench_case.hpp"
#include "fixture.hpp"

#include <vector>

namespace bench {

inline constexpr const char* cache_component_hit = "cache component: VerifiedTokenCache::find hit";

/// The component case (kind cache).
std::vector<BenchCase> cache_component_cases(const AlgFixture& fixture);

}  // namespace bench
