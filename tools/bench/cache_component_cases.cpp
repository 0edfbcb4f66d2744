#include "cache_component_cases.hpp"

#include "peer_cases.hpp"
#include "verify/verified_data.hpp"
#include "verify/verified_token_cache.hpp"

#include <memory>

namespace bench {

std::vector<BenchCase> cache_component_cases(const AlgFixture& f) {
  if (jwtcheck::is_hmac(f.alg)) return {};  // HMAC keys have no thumbprint: the cache never holds their tokens
  auto cache = std::make_shared<jwtcheck::detail::VerifiedTokenCache>(1024);
  auto keys = std::make_shared<const jwtcheck::KeySet>(f.one_key);
  auto data = std::make_shared<jwtcheck::detail::VerifiedData>();
  const std::int64_t now = now_seconds();
  data->expires_at = now + 3600;
  // Only the valid token is stored, as only verified tokens ever are.
  cache->insert(f.samples.valid.token, data, keys->keys()[0], now);
  return {{cache_component_hit, CaseKind::cache, [cache, keys] {
             return VerifyFn([cache, keys](const Sample& s) { return cache->find(s.token, now_seconds(), *keys) != nullptr; });
           }, {}, 1}};
}

}  // namespace bench
