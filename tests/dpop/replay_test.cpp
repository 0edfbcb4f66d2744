// jti replay (RFC 9449 §11.1): a proof passes once; from 8 threads at once exactly one passes;
// the bounded cache refuses new proofs rather than forget live ones, and forgets expired ones.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::test;

BOOST_AUTO_TEST_SUITE(dpop_replay)

BOOST_AUTO_TEST_CASE(same_proof_twice_second_refused) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const DpopVerifier verifier = make_dpop_verifier();
  const std::string proof = make_proof(key, Alg::ES256);
  BOOST_TEST(code_of(verifier.verify(request(proof), jkt_of(key))) == "ok");
  BOOST_TEST(code_of(verifier.verify(request(proof), jkt_of(key))) == "dpop_jti_replayed");
  // Another proof (another iat) with the same jti and key: a replay as well.
  const std::string same_jti = make_proof(key, Alg::ES256, proof_claims().set_number("iat", kNow - 1));
  BOOST_TEST(code_of(verifier.verify(request(same_jti), jkt_of(key))) == "dpop_jti_replayed");
  // A copy of the verifier shares the cache.
  const DpopVerifier copy = verifier;
  BOOST_TEST(code_of(copy.verify(request(proof), jkt_of(key))) == "dpop_jti_replayed");
  // Another jti passes.
  BOOST_TEST(code_of(verifier.verify(request(make_proof(key, Alg::ES256, proof_claims("jti-0002"))), jkt_of(key))) == "ok");
  // A refused proof is not recorded: once fixed (here: the right key expected), it passes.
  const std::string third = make_proof(key, Alg::ES256, proof_claims("jti-0003"));
  BOOST_TEST(code_of(verifier.verify(request(third), jkt_of(cached_test_key(Alg::ES384)))) == "dpop_key_mismatch");
  BOOST_TEST(code_of(verifier.verify(request(third), jkt_of(key))) == "ok");
}

BOOST_AUTO_TEST_CASE(eight_threads_same_proof_exactly_one_passes) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const std::string jkt = jkt_of(key);
  for (int round = 0; round < 20; ++round) {
    const DpopVerifier verifier = make_dpop_verifier();
    const std::string proof = make_proof(key, Alg::ES256, proof_claims("race-" + std::to_string(round)));
    constexpr int kThreads = 8;
    std::latch start(kThreads);
    std::atomic<int> passed{0}, replayed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&] {
        start.arrive_and_wait();
        auto r = verifier.verify(request(proof), jkt);
        if (r.ok()) ++passed;
        else if (r.error().code == ErrorCode::dpop_jti_replayed) ++replayed;
      });
    for (auto& thread : threads) thread.join();
    BOOST_TEST(passed.load() == 1, "round " << round);
    BOOST_TEST(replayed.load() == kThreads - 1, "round " << round);
  }
}

BOOST_AUTO_TEST_CASE(full_cache_refuses_new_proofs_and_keeps_the_old_ones) {
  const TestKey& key = cached_test_key(Alg::ES256);
  std::int64_t now = kNow;
  DpopOptions options;
  options.replay_cache_entries = 2;
  options.clock = [&now] { return now; };
  const DpopVerifier verifier = make_dpop_verifier(options);
  const std::string a = make_proof(key, Alg::ES256, proof_claims("a"));
  const std::string b = make_proof(key, Alg::ES256, proof_claims("b"));
  const std::string c = make_proof(key, Alg::ES256, proof_claims("c"));
  BOOST_TEST(code_of(verifier.verify(request(a), jkt_of(key))) == "ok");
  BOOST_TEST(code_of(verifier.verify(request(b), jkt_of(key))) == "ok");
  auto full = verifier.verify(request(c), jkt_of(key));
  BOOST_TEST(code_of(full) == "dpop_replay_cache_full");
  BOOST_TEST((!full.ok() && full.error().retryable));
  // The flood did not flush anything: a and b are still refused.
  BOOST_TEST(code_of(verifier.verify(request(a), jkt_of(key))) == "dpop_jti_replayed");
  BOOST_TEST(code_of(verifier.verify(request(b), jkt_of(key))) == "dpop_jti_replayed");
  // Once a and b have left the window (iat + 300 + 30), their entries go and room is made...
  now = kNow + 331;
  const std::string d = make_proof(key, Alg::ES256, proof_claims("d").set_number("iat", now));
  BOOST_TEST(code_of(verifier.verify(request(d), jkt_of(key))) == "ok");
  // ...while the old proofs are refused by their iat anyway.
  BOOST_TEST(code_of(verifier.verify(request(a), jkt_of(key))) == "dpop_iat_invalid");
}

BOOST_AUTO_TEST_CASE(options_are_checked) {
  DpopOptions zero_cache;
  zero_cache.replay_cache_entries = 0;
  BOOST_TEST(code_of(DpopVerifier::create(zero_cache)) == "invalid_policy");
  DpopOptions negative;
  negative.iat_window = std::chrono::seconds(-1);
  BOOST_TEST(code_of(DpopVerifier::create(negative)) == "invalid_policy");
  DpopOptions zero_bytes;
  zero_bytes.max_proof_bytes = 0;
  BOOST_TEST(code_of(DpopVerifier::create(zero_bytes)) == "invalid_policy");
  auto defaults = DpopVerifier::create();
  BOOST_REQUIRE(defaults.ok());
  BOOST_TEST(static_cast<bool>(defaults->options().clock));
}

BOOST_AUTO_TEST_SUITE_END()
