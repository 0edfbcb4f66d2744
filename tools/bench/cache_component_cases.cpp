#include "cache_component_cases.hpp"

#include "base64url.hpp"
#include "peer_cases.hpp"
#include "token/compact_jws.hpp"
#include "verify/verified_data.hpp"
#include "verify/verified_token_cache.hpp"

#include <memory>
#include <string>

namespace bench {

std::vector<BenchCase> cache_component_cases(const AlgFixture& f) {
  if (jwtcheck::is_hmac(f.alg)) return {};  // HMAC keys have no thumbprint: the cache never holds their tokens
  auto cache = std::make_shared<jwtcheck::detail::VerifiedTokenCache>(1024);
  auto keys = std::make_shared<const jwtcheck::KeySet>(f.one_key);
  // The block a verify would store: the token's own header and claims text (a hit copies it).
  const auto parts_b64 = jwtcheck::detail::split_compact_jws(f.samples.valid.token, jwtcheck::Limits{});
  if (!parts_b64) fail("cache component: the sample token is not a compact JWS");
  const auto header = jwtcheck::detail::base64url_decode(parts_b64->header_b64);
  const auto claims = jwtcheck::detail::base64url_decode(parts_b64->payload_b64);
  if (!header || !claims) fail("cache component: the sample token does not decode");
  const std::int64_t now = now_seconds();
  jwtcheck::detail::VerifiedParts parts{};
  parts.alg = f.alg;
  parts.kid = keys->keys()[0].kid();
  parts.header_json = *header;
  parts.claims_json = parts.parsed_claims = *claims;
  parts.exp = static_cast<double>(now + 3600);
  auto data = jwtcheck::detail::make_verified_data(parts);
  // Only the valid token is stored, as only verified tokens ever are.
  cache->insert(f.samples.valid.token, data, keys->keys()[0], now);
  return {{cache_component_hit, CaseKind::cache, [cache, keys] {
             return VerifyFn([cache, keys](const Sample& s) { return cache->find(s.token, now_seconds(), *keys) != nullptr; });
           }, {}, 1}};
}

}  // namespace bench
