// The verified-token cache as the Verifier uses it (VerifierOptions::cache_entries > 0): a hit must
// never outlive the token's time window or the key that verified it.
#include <jwtcheck/verifier.hpp>

#include "keys/jwk_edit.hpp"
#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

// A key source whose set the test swaps; counts how often the verifier asked for it.
class SwappableSource final : public KeySource {
 public:
  explicit SwappableSource(KeySet keys) : keys_(std::make_shared<const KeySet>(std::move(keys))) {}
  void replace(KeySet keys) {
    std::lock_guard lock(mutex_);
    keys_ = std::make_shared<const KeySet>(std::move(keys));
  }
  Result<std::shared_ptr<const KeySet>> current() override {
    std::lock_guard lock(mutex_);
    return keys_;
  }
  KeyRefresh refresh_for_unknown_kid(std::string_view, std::chrono::milliseconds) override {
    return KeyRefresh{current(), false};
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<const KeySet> keys_;
};

struct PinnedClock {
  std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(kNow);
  Clock clock() const {
    return [n = now] { return n->load(); };
  }
};

Policy cached_policy() { return auth0_policy(); }

VerifierOptions cache_of(const PinnedClock& clock, std::size_t entries = 16) {
  VerifierOptions options;
  options.clock = clock.clock();
  options.cache_entries = entries;
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verifier_cache)

BOOST_AUTO_TEST_CASE(a_hit_returns_the_same_verdict) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  auto v = Verifier::create(cached_policy(), key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(key, Alg::ES256);
  auto first = v->verify(token);
  auto second = v->verify(token);
  BOOST_REQUIRE(first.ok());
  BOOST_REQUIRE(second.ok());
  BOOST_TEST(second->subject() == first->subject());
  BOOST_TEST(second->claims_json() == first->claims_json());
  BOOST_TEST(second->scopes().size() == 2u);
  BOOST_TEST(second->has_scope("read:reports"));
}

// A hit hands out its own copy of the cached block (so threads hitting one token share no
// written memory): every field must come through, pointing into the copy, and the copy must
// outlive the entry. Claims with an escape and a multi-valued aud exercise every view.
BOOST_AUTO_TEST_CASE(a_hit_outlives_its_entry) {
  const TestKey& key = cached_test_key(Alg::RS256);
  PinnedClock clock;
  Policy policy = cached_policy();
  auto v = Verifier::create(policy, key_set_of({&key}), cache_of(clock, 1));
  BOOST_REQUIRE(v.ok());
  const ClaimsJson claims = auth0_claims()
                                .set("note", R"("a \"quoted\" word")")
                                .set("aud", R"(["https://other.example", ")" + std::string(kAudience) + R"("])");
  const std::string token = auth0_token(key, Alg::RS256, claims);
  auto miss = v->verify(token);
  BOOST_REQUIRE(miss.ok());
  auto hit = v->verify(token);
  BOOST_REQUIRE(hit.ok());
  BOOST_TEST(hit->claims_json() == miss->claims_json());
  BOOST_TEST(hit->header_json() == miss->header_json());
  BOOST_TEST(hit->alg() == miss->alg());
  BOOST_TEST(hit->kid() == miss->kid());
  BOOST_TEST(hit->issuer() == miss->issuer());
  BOOST_TEST(hit->subject() == miss->subject());
  BOOST_TEST(hit->client_id() == miss->client_id());
  BOOST_TEST((hit->expires_at() == miss->expires_at()));
  BOOST_TEST((hit->issued_at() == miss->issued_at()));
  BOOST_REQUIRE(hit->audiences().size() == 2u);
  BOOST_REQUIRE(miss->audiences().size() == 2u);
  BOOST_REQUIRE(hit->scopes().size() == miss->scopes().size());
  for (std::size_t i = 0; i < 2; ++i) BOOST_TEST(hit->audiences()[i] == miss->audiences()[i]);
  for (std::size_t i = 0; i < hit->scopes().size(); ++i) BOOST_TEST(hit->scopes()[i].name == miss->scopes()[i].name);
  // The one-entry cache forgets the token when another one is verified, and the miss's result is
  // dropped: the hit still owns the block (under ASan a view into freed memory would be reported).
  const std::string issuer(hit->issuer()), subject(hit->subject()), first_scope(hit->scopes().front().name);
  const std::string second_audience(hit->audiences()[1]), kid(hit->kid()), header(hit->header_json());
  const std::string client_id(hit->client_id());
  miss = Error{ErrorCode::malformed_token, "dropped"};
  for (int n = 2; n < 6; ++n) BOOST_REQUIRE(v->verify(auth0_token(key, Alg::RS256, auth0_claims().set_number("n", n))).ok());
  BOOST_TEST(hit->issuer() == issuer);
  BOOST_TEST(hit->subject() == subject);
  BOOST_TEST(hit->scopes().front().name == first_scope);
  BOOST_TEST(hit->audiences()[1] == second_audience);
  BOOST_TEST(hit->kid() == kid);
  BOOST_TEST(hit->header_json() == header);
  BOOST_TEST(hit->client_id() == client_id);
  BOOST_TEST(hit->claims_json().ends_with(R"("note":"a \"quoted\" word"})"));
}

BOOST_AUTO_TEST_CASE(a_cached_token_still_expires_at_exp_plus_leeway) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  auto v = Verifier::create(cached_policy(), key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(key, Alg::ES256);  // exp = kNow + 3600, leeway 30 s
  BOOST_REQUIRE(v->verify(token).ok());
  clock.now->store(kNow + 3600 + 29);
  BOOST_TEST(v->verify(token).ok());
  clock.now->store(kNow + 3600 + 30);
  auto r = v->verify(token);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::expired);
  BOOST_TEST(r.error().message.find("expired") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_cached_token_still_fails_max_age_and_a_clock_moved_back) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  Policy p = cached_policy();
  p.max_age = std::chrono::seconds(120);  // iat = kNow - 60
  auto v = Verifier::create(p, key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(key, Alg::ES256);
  BOOST_REQUIRE(v->verify(token).ok());
  clock.now->store(kNow + 60 + 29);
  BOOST_TEST(v->verify(token).ok());
  clock.now->store(kNow + 60 + 30);
  auto old = v->verify(token);
  BOOST_REQUIRE(!old.ok());
  BOOST_TEST(old.error().code == ErrorCode::token_too_old);
  // The clock goes back before iat - leeway: the cached verdict does not hide it.
  clock.now->store(kNow - 60 - 31);
  auto early = v->verify(token);
  BOOST_REQUIRE(!early.ok());
  BOOST_TEST(early.error().code == ErrorCode::issued_in_future);
}

BOOST_AUTO_TEST_CASE(a_token_with_nbf_is_rechecked_on_every_hit) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  auto v = Verifier::create(cached_policy(), key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(key, Alg::ES256, auth0_claims().set_number("nbf", kNow - 10));
  BOOST_REQUIRE(v->verify(token).ok());
  clock.now->store(kNow - 41);  // nbf - leeway - 1
  auto r = v->verify(token);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::not_yet_valid);
}

BOOST_AUTO_TEST_CASE(an_entry_dies_when_its_key_leaves_the_key_set) {
  const TestKey& old_key = cached_test_key(Alg::ES256);
  const TestKey new_key = generate_test_key(Alg::ES256, "rotated-key");
  PinnedClock clock;
  auto source = std::make_shared<SwappableSource>(key_set_of({&old_key, &new_key}));
  auto v = Verifier::create(cached_policy(), source, cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(old_key, Alg::ES256);
  BOOST_REQUIRE(v->verify(token).ok());
  BOOST_REQUIRE(v->verify(token).ok());
  source->replace(key_set_of({&new_key}));
  auto r = v->verify(token);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::key_not_found);
  BOOST_TEST(v->verify(auth0_token(new_key, Alg::ES256)).ok());
}

// A cached answer must always be what a fresh verify would say. For every key-set change that
// alters a fresh verdict, the cached verifier answers exactly as an uncached one on the new set.
BOOST_AUTO_TEST_CASE(a_hit_never_outlives_a_key_set_change_that_alters_the_verdict) {
  const TestKey& signer = cached_test_key(Alg::RS256);
  const TestKey other = generate_test_key(Alg::RS256, signer.kid);  // same kid, other key material
  const std::string jwk = signer.public_jwk;
  auto key_of = [](const std::string& json) {
    auto key = parse_jwk(json);
    BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
    return *key;
  };
  struct Change {
    const char* what;
    std::vector<std::string> jwks;
    bool still_valid;
  };
  const std::vector<Change> changes = {
      {"use becomes enc", {jwtcheck::test::jwk_with(jwk, "use", "\"enc\"")}, false},
      {"alg becomes RS384", {jwtcheck::test::jwk_with(jwk, "alg", "\"RS384\"")}, false},
      {"key_ops lose verify", {jwtcheck::test::jwk_with(jwk, "key_ops", "[\"sign\"]")}, false},
      {"another key first under the kid", {other.public_jwk, jwk}, false},
      {"rotated under the same kid", {other.public_jwk}, false},
      {"removed", {}, false},
      {"the same key parsed again", {jwk}, true},
  };
  const std::string token = auth0_token(signer, Alg::RS256);
  for (const Change& change : changes) {
    BOOST_TEST_CONTEXT(change.what) {
      PinnedClock clock;
      auto source = std::make_shared<SwappableSource>(KeySet({key_of(jwk)}));
      auto cached = Verifier::create(cached_policy(), source, cache_of(clock));
      BOOST_REQUIRE(cached.ok());
      BOOST_REQUIRE(cached->verify(token).ok());
      BOOST_REQUIRE(cached->verify(token).ok());  // now a hit
      std::vector<Key> changed;
      for (const std::string& json : change.jwks) changed.push_back(key_of(json));
      source->replace(KeySet(changed));
      VerifierOptions pinned;
      pinned.clock = clock.clock();
      auto fresh = Verifier::create(cached_policy(), KeySet(changed), pinned);
      BOOST_REQUIRE(fresh.ok());
      const auto expected = fresh->verify(token);
      const auto actual = cached->verify(token);
      BOOST_TEST(expected.ok() == change.still_valid);
      BOOST_TEST(actual.ok() == expected.ok());
      if (!actual.ok() && !expected.ok()) {
        BOOST_TEST((actual.error().code == expected.error().code), actual.error().message);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(only_the_exact_bytes_hit) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  auto v = Verifier::create(cached_policy(), key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(key, Alg::ES256);
  BOOST_REQUIRE(v->verify(token).ok());
  // Every single-character change of the signature must be verified, not served from the cache.
  for (std::size_t i = token.rfind('.') + 1; i < token.size(); i += 7) {
    std::string tampered = token;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    BOOST_TEST_CONTEXT("position " << i) { BOOST_TEST(!v->verify(tampered).ok()); }
  }
  BOOST_TEST(!v->verify(token + "A").ok());
  BOOST_TEST(!v->verify(token.substr(0, token.size() - 1)).ok());
}

BOOST_AUTO_TEST_CASE(a_refused_token_is_never_cached) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  auto v = Verifier::create(cached_policy(), key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  // Not yet valid now; once the clock passes nbf it verifies in full (no cached refusal either).
  const std::string token = auth0_token(key, Alg::ES256, auth0_claims().set_number("nbf", kNow + 100));
  BOOST_TEST(v->verify(token).error().code == ErrorCode::not_yet_valid);
  clock.now->store(kNow + 100);
  BOOST_TEST(v->verify(token).ok());
}

// HMAC-verified tokens are never cached, so a verifier over secrets alone keeps no cache at
// all; it must still verify in full every time, the tampered token after the valid one too.
BOOST_AUTO_TEST_CASE(a_verifier_over_hmac_secrets_alone_verifies_every_token_in_full) {
  const TestKey& key = cached_test_key(Alg::HS256);
  PinnedClock clock;
  Policy policy = cached_policy();
  policy.algorithms = {Alg::HS256};
  auto v = Verifier::create(policy, key_set_of({&key}), cache_of(clock));
  BOOST_REQUIRE(v.ok());
  const std::string token = auth0_token(key, Alg::HS256);
  std::string tampered = token;
  char& c = tampered[token.rfind('.') + 5];  // a whole 6 bits of the MAC
  c = c == 'A' ? 'B' : 'A';
  for (int round = 0; round < 3; ++round) {
    BOOST_TEST(v->verify(token).ok());
    BOOST_TEST(!v->verify(tampered).ok());
  }
  clock.now->store(kNow + 7200);
  BOOST_TEST(!v->verify(token).ok());
}

BOOST_AUTO_TEST_CASE(two_threads_share_the_cached_verifier) {
  const TestKey& key = cached_test_key(Alg::ES256);
  PinnedClock clock;
  auto v = Verifier::create(cached_policy(), key_set_of({&key}), cache_of(clock, 4));
  BOOST_REQUIRE(v.ok());
  std::vector<std::string> tokens;
  for (int i = 0; i < 8; ++i) tokens.push_back(auth0_token(key, Alg::ES256, auth0_claims().set_number("n", i)));
  std::atomic<int> failures{0};
  auto work = [&] {
    for (int round = 0; round < 50; ++round)
      for (const auto& t : tokens)
        if (!v->verify(t).ok()) ++failures;
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  BOOST_TEST(failures.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
