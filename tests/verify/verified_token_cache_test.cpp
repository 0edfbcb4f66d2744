// VerifiedTokenCache on its own: exact-bytes keys (also when hashes collide), expiry at exp, key
// removal, refusal of what it must not cache, CLOCK eviction, the bound, and concurrent use.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "verify/verified_data.hpp"
#include "verify/verified_token_cache.hpp"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using jwtcheck::Alg;
using jwtcheck::Key;
using jwtcheck::KeySet;
using jwtcheck::detail::VerifiedData;
using jwtcheck::detail::VerifiedTokenCache;

namespace {

constexpr std::int64_t t0 = 1'700'000'000;

Key generated_key(const std::string& kid) {
  auto signer = jwtcheck::testing::SigningKey::generate(Alg::ES256, kid);
  BOOST_TEST_REQUIRE(signer.ok());
  auto key = signer->verification_key();
  BOOST_TEST_REQUIRE(key.ok());
  BOOST_TEST_REQUIRE(!key->thumbprint().empty());
  return *key;
}

// Two keys: "a" and "b", plus "a" again with other key material (same kid, other thumbprint).
struct Keys {
  Key a = generated_key("a");
  Key b = generated_key("b");
  Key a_rotated = generated_key("a");
};

const Keys& keys() {
  static const Keys k;
  return k;
}

// Data whose claims_json names the token it was stored for, so a hit can be checked for identity.
std::shared_ptr<const VerifiedData> data_for(const std::string& token, std::optional<std::int64_t> exp = t0 + 3600) {
  jwtcheck::detail::VerifiedParts parts{};
  parts.alg = Alg::ES256;  // the keys' alg
  parts.claims_json = parts.parsed_claims = token;
  if (exp) parts.exp = static_cast<double>(*exp);
  return jwtcheck::detail::make_verified_data(parts);
}

// A hit hands out a copy of the stored block: the same contents in memory of its own.
bool is_stored(const std::shared_ptr<const VerifiedData>& found, const std::shared_ptr<const VerifiedData>& stored) {
  return found && found == stored;
}

std::string token_n(int n, std::size_t length = 600) {
  std::string t(length, 'x');
  const std::string tail = "." + std::to_string(n);
  t.replace(t.size() - tail.size(), tail.size(), tail);
  return t;
}

std::size_t constant_hash(std::string_view) noexcept { return 42; }
std::size_t prefix_hash(std::string_view t) noexcept { return std::hash<std::string_view>{}(t.substr(0, 32)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(verified_token_cache)

BOOST_AUTO_TEST_CASE(hit_returns_the_stored_data_for_the_same_bytes) {
  VerifiedTokenCache cache(8);
  const KeySet set({keys().a});
  const std::string token = token_n(1);
  const auto data = data_for(token);
  BOOST_TEST(cache.find(token, t0, set) == nullptr);
  cache.insert(token, data, keys().a, t0);
  BOOST_TEST(cache.size() == 1u);
  BOOST_TEST(is_stored(cache.find(token, t0, set), data));
  BOOST_TEST(is_stored(cache.find(std::string(token), t0 + 10, set), data));  // a copy of the bytes, later
}

BOOST_AUTO_TEST_CASE(any_other_bytes_miss) {
  VerifiedTokenCache cache(8);
  const KeySet set({keys().a});
  const std::string token = token_n(1);
  cache.insert(token, data_for(token), keys().a, t0);
  std::string last_changed = token;
  last_changed.back() = '2';
  std::string first_changed = token;
  first_changed.front() = 'y';
  for (const std::string& other : {last_changed, first_changed, token.substr(0, token.size() - 1), token + "x",
                                   std::string(), std::string(token.size(), 'x')})
    BOOST_TEST(cache.find(other, t0, set) == nullptr, "found for " << other.size() << " bytes");
  BOOST_TEST(cache.find(token, t0, set) != nullptr);
}

BOOST_AUTO_TEST_CASE(colliding_hashes_are_told_apart_by_the_full_bytes) {
  // One shard: with a constant hash every token lands in the same shard, which holds only its share.
  VerifiedTokenCache cache(64, constant_hash, 1);
  const KeySet set({keys().a});
  std::vector<std::string> tokens;
  for (int i = 0; i < 20; ++i) tokens.push_back(token_n(i));
  std::vector<std::shared_ptr<const VerifiedData>> data;
  for (const auto& t : tokens) {
    data.push_back(data_for(t));
    cache.insert(t, data.back(), keys().a, t0);
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) BOOST_TEST(is_stored(cache.find(tokens[i], t0, set), data[i]));
  BOOST_TEST(cache.find(token_n(99), t0, set) == nullptr);
}

BOOST_AUTO_TEST_CASE(tokens_sharing_the_hashed_prefix_are_separate_entries) {
  VerifiedTokenCache cache(16, prefix_hash, 1);
  const KeySet set({keys().a});
  const std::string a = token_n(1), b = token_n(2);  // identical but for the last byte
  BOOST_TEST_REQUIRE(prefix_hash(a) == prefix_hash(b));
  const auto da = data_for(a);
  cache.insert(a, da, keys().a, t0);
  BOOST_TEST(cache.find(b, t0, set) == nullptr);
  const auto db = data_for(b);
  cache.insert(b, db, keys().a, t0);
  BOOST_TEST(is_stored(cache.find(a, t0, set), da));
  BOOST_TEST(is_stored(cache.find(b, t0, set), db));
  BOOST_TEST(cache.size() == 2u);
}

BOOST_AUTO_TEST_CASE(entry_lives_until_exp_and_no_longer) {
  VerifiedTokenCache cache(8);
  const KeySet set({keys().a});
  const std::string token = token_n(1);
  cache.insert(token, data_for(token, t0 + 100), keys().a, t0);
  BOOST_TEST(cache.find(token, t0 + 99, set) != nullptr);
  BOOST_TEST(cache.find(token, t0 + 100, set) == nullptr);  // at exp: dead
  BOOST_TEST(cache.size() == 0u);                            // and dropped
  BOOST_TEST(cache.find(token, t0 + 50, set) == nullptr);   // a clock going back does not revive it
}

BOOST_AUTO_TEST_CASE(refuses_tokens_it_cannot_bound_or_tie_to_a_key) {
  VerifiedTokenCache cache(8);
  const std::string token = token_n(1);
  cache.insert(token, data_for(token, std::nullopt), keys().a, t0);  // no exp: no bound on its life
  cache.insert(token, data_for(token, t0), keys().a, t0);             // already expired
  cache.insert(token, data_for(token, t0 - 5), keys().a, t0);
  cache.insert(token, nullptr, keys().a, t0);
  auto hmac = jwtcheck::hmac_key(std::string(32, 's'), Alg::HS256, "hs");
  BOOST_TEST_REQUIRE(hmac.ok());
  BOOST_TEST_REQUIRE(hmac->thumbprint().empty());
  cache.insert(token, data_for(token), *hmac, t0);  // no thumbprint: a new secret under "hs" would look the same
  BOOST_TEST(cache.size() == 0u);
  BOOST_TEST(cache.find(token, t0, KeySet({keys().a, *hmac})) == nullptr);
}

BOOST_AUTO_TEST_CASE(colliding_hashes_in_a_sharded_cache_stay_bounded_and_exact) {
  VerifiedTokenCache cache(64, constant_hash);  // every token in one shard of 64 / 16
  const KeySet set({keys().a});
  for (int i = 0; i < 50; ++i) {
    const auto t = token_n(i);
    cache.insert(t, data_for(t), keys().a, t0);
  }
  BOOST_TEST(cache.size() == 4u);
  for (int i = 0; i < 50; ++i) {
    const auto t = token_n(i);
    const auto d = cache.find(t, t0, set);
    BOOST_TEST((d == nullptr || d->claims_json == t));
    BOOST_TEST((i < 46 || d != nullptr), "newest entry " << i << " missing");
  }
}

BOOST_AUTO_TEST_CASE(capacity_zero_stores_nothing) {
  VerifiedTokenCache cache(0);
  const std::string token = token_n(1);
  cache.insert(token, data_for(token), keys().a, t0);
  BOOST_TEST(cache.size() == 0u);
  BOOST_TEST(cache.capacity() == 0u);
  BOOST_TEST(cache.find(token, t0, KeySet({keys().a})) == nullptr);
}

BOOST_AUTO_TEST_CASE(entry_dies_when_its_key_leaves_the_set) {
  VerifiedTokenCache cache(8);
  const std::string token = token_n(1);
  cache.insert(token, data_for(token), keys().a, t0);
  BOOST_TEST(cache.find(token, t0, KeySet({keys().a, keys().b})) != nullptr);
  BOOST_TEST(cache.find(token, t0, KeySet({keys().b})) == nullptr);  // "a" rotated out
  BOOST_TEST(cache.size() == 0u);
  BOOST_TEST(cache.find(token, t0, KeySet({keys().a})) == nullptr);  // and stays dead when it returns
}

BOOST_AUTO_TEST_CASE(same_kid_with_other_key_material_is_not_the_same_key) {
  VerifiedTokenCache cache(8);
  const std::string token = token_n(1);
  cache.insert(token, data_for(token), keys().a, t0);
  BOOST_TEST_REQUIRE(keys().a.kid() == keys().a_rotated.kid());
  BOOST_TEST(cache.find(token, t0, KeySet({keys().a_rotated})) == nullptr);
  BOOST_TEST(cache.size() == 0u);
}

BOOST_AUTO_TEST_CASE(reinsert_replaces_the_entry) {
  VerifiedTokenCache cache(8);
  const KeySet set({keys().a});
  const std::string token = token_n(1);
  cache.insert(token, data_for(token), keys().a, t0);
  const auto newer = data_for(token, t0 + 7200);
  cache.insert(token, newer, keys().a, t0);
  BOOST_TEST(cache.size() == 1u);
  BOOST_TEST(is_stored(cache.find(token, t0, set), newer));
}

BOOST_AUTO_TEST_CASE(clock_eviction_gives_recently_hit_entries_a_second_chance) {
  VerifiedTokenCache cache(4, jwtcheck::detail::full_token_hash, 1);
  const KeySet set({keys().a});
  std::vector<std::string> t;
  for (int i = 0; i < 5; ++i) t.push_back(token_n(i));
  for (int i = 0; i < 4; ++i) cache.insert(t[i], data_for(t[i]), keys().a, t0);
  BOOST_TEST_REQUIRE(cache.find(t[0], t0, set) != nullptr);
  BOOST_TEST_REQUIRE(cache.find(t[1], t0, set) != nullptr);
  cache.insert(t[4], data_for(t[4]), keys().a, t0);  // full: the first unreferenced entry (t[2]) goes
  BOOST_TEST(cache.size() == 4u);
  BOOST_TEST(cache.find(t[2], t0, set) == nullptr);
  for (int i : {0, 1, 3, 4}) BOOST_TEST(cache.find(t[i], t0, set) != nullptr, "t[" << i << "] evicted");
}

BOOST_AUTO_TEST_CASE(eviction_takes_expired_entries_even_when_recently_hit) {
  VerifiedTokenCache cache(2, jwtcheck::detail::full_token_hash, 1);
  const KeySet set({keys().a});
  const std::string short_lived = token_n(1), long_lived = token_n(2), newcomer = token_n(3);
  cache.insert(short_lived, data_for(short_lived, t0 + 10), keys().a, t0);
  cache.insert(long_lived, data_for(long_lived, t0 + 1000), keys().a, t0);
  BOOST_TEST_REQUIRE(cache.find(short_lived, t0, set) != nullptr);
  BOOST_TEST_REQUIRE(cache.find(long_lived, t0, set) != nullptr);
  cache.insert(newcomer, data_for(newcomer), keys().a, t0 + 20);
  BOOST_TEST(cache.find(long_lived, t0 + 20, set) != nullptr);
  BOOST_TEST(cache.find(newcomer, t0 + 20, set) != nullptr);
  BOOST_TEST(cache.size() == 2u);
}

BOOST_AUTO_TEST_CASE(never_holds_more_than_its_capacity) {
  for (std::size_t capacity : {1u, 3u, 10u, 17u, 100u}) {
    VerifiedTokenCache cache(capacity);
    const KeySet set({keys().a});
    for (int i = 0; i < 1000; ++i) {
      const auto t = token_n(i, 64);
      cache.insert(t, data_for(t), keys().a, t0);
      BOOST_TEST_REQUIRE(cache.size() <= capacity);
    }
    const auto last = token_n(999, 64);
    BOOST_TEST(cache.find(last, t0, set) != nullptr, "capacity " << capacity << " lost the newest entry");
  }
}

BOOST_AUTO_TEST_CASE(concurrent_hits_inserts_and_evictions_stay_exact) {
  VerifiedTokenCache cache(32);
  const KeySet set({keys().a});
  std::vector<std::string> tokens;
  for (int i = 0; i < 96; ++i) tokens.push_back(token_n(i, 300));
  std::atomic<int> wrong{0}, hits{0}, oversize{0};
  std::vector<std::jthread> threads;
  for (int th = 0; th < 4; ++th) {
    threads.emplace_back([&, th] {
      for (int i = 0; i < 20000; ++i) {
        const std::string& t = tokens[(i * 7 + th * 13) % (th % 2 == 0 ? 24 : tokens.size())];
        if (auto d = cache.find(t, t0, set)) {
          ++hits;
          if (d->claims_json != t) ++wrong;  // a hit must be for exactly these bytes
        } else {
          cache.insert(t, data_for(t), keys().a, t0);
        }
        if (i % 1000 == 0 && cache.size() > 32) ++oversize;
      }
    });
  }
  threads.clear();
  BOOST_TEST(wrong.load() == 0);
  BOOST_TEST(oversize.load() == 0);
  BOOST_TEST(hits.load() > 0);
  BOOST_TEST(cache.size() <= 32u);
}

BOOST_AUTO_TEST_SUITE_END()
