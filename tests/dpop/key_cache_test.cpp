// The proof-key cache (DpopOptions::key_cache_entries) never changes a verdict: the same run of
// proofs — valid ones from more keys than the cache holds, the same jwk text under another alg,
// another signer behind a kept jwk, a jwk marked for encryption — gets the same answer from a
// verifier without the cache, with a tiny one (constant eviction) and with the default; and
// threads sharing a tiny cache all get their proofs checked.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <latch>
#include <string>
#include <thread>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

// `jwk` without `member` (the test keys' JWKs end with ,"alg":…,"use":"sig").
std::string without(std::string jwk, const std::string& member) {
  const auto at = jwk.find(member);
  BOOST_TEST_REQUIRE(at != std::string::npos, member << " in " << jwk);
  return jwk.erase(at, member.size());
}

struct Step {
  std::string what;
  std::string proof;
  std::string jkt;
  std::string expected;
};

std::vector<Step> steps() {
  std::vector<Step> out;
  int jti = 0;
  auto claims = [&jti] { return proof_claims("cache-" + std::to_string(++jti)); };
  // Four EC keys, used in turn twice: more keys than the tiny cache holds.
  std::vector<TestKey> ec;
  for (int i = 0; i < 4; ++i) ec.push_back(generate_test_key(Alg::ES256, "ec-" + std::to_string(i)));
  for (int round = 0; round < 2; ++round)
    for (const auto& key : ec) out.push_back({"ES256 by " + key.kid, make_proof(key, Alg::ES256, claims()), jkt_of(key), "ok"});

  const TestKey& first = ec.front();
  // The kept jwk text, named with an alg that does not fit it: refused as a fresh import would.
  const std::string no_alg = without(first.public_jwk, R"(,"alg":"ES256")");
  out.push_back({"kept jwk, alg ES384", make_proof(first, Alg::ES384, proof_header("ES384", no_alg), claims()),
                 jkt_of(first), "dpop_alg_not_allowed"});
  // The kept jwk text on a proof signed by another key.
  out.push_back({"kept jwk, another signer", make_proof(ec[1], Alg::ES256, proof_header("ES256", first.public_jwk), claims()),
                 jkt_of(first), "dpop_bad_signature"});
  out.push_back({"kept jwk again", make_proof(first, Alg::ES256, claims()), jkt_of(first), "ok"});
  // One RSA jwk text without "alg", under RS256 and PS256 in turn: one entry per text, replaced.
  const TestKey& rsa = cached_test_key(Alg::RS256);
  const std::string rsa_jwk = without(rsa.public_jwk, R"(,"alg":"RS256")");
  for (Alg alg : {Alg::RS256, Alg::PS256, Alg::RS256, Alg::PS256}) {
    const std::string name(alg_name(alg));
    out.push_back({"RSA jwk as " + name, make_proof(rsa, alg, proof_header(name, rsa_jwk), claims()), jkt_of(rsa), "ok"});
  }
  // A jwk for encryption never verifies a proof, however often it comes.
  const std::string enc_jwk = without(first.public_jwk, R"(,"use":"sig")").insert(1, R"("use":"enc",)");
  for (int i = 0; i < 2; ++i)
    out.push_back({"use enc", make_proof(first, Alg::ES256, proof_header("ES256", enc_jwk), claims()), jkt_of(first),
                   "dpop_key_invalid"});
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_key_cache)

BOOST_AUTO_TEST_CASE(the_cache_never_changes_a_verdict) {
  const std::vector<Step> run = steps();
  for (std::size_t entries : {std::size_t{0}, std::size_t{1}, std::size_t{2}, DpopOptions{}.key_cache_entries}) {
    DpopOptions options;
    options.key_cache_entries = entries;
    const DpopVerifier verifier = make_dpop_verifier(options);
    for (const auto& step : run)
      BOOST_TEST(code_of(verifier.verify(request(step.proof), step.jkt)) == step.expected,
                 step.what << ", key_cache_entries " << entries);
  }
}

BOOST_AUTO_TEST_CASE(threads_sharing_a_tiny_cache_all_get_checked) {
  std::vector<TestKey> keys;
  for (int i = 0; i < 3; ++i) keys.push_back(generate_test_key(Alg::ES256, "thread-" + std::to_string(i)));
  DpopOptions options;
  options.key_cache_entries = 1;  // every other proof evicts the key another thread just kept
  const DpopVerifier verifier = make_dpop_verifier(options);
  constexpr int kThreads = 6, kProofs = 20;
  // Made first: the timed part is only the checking.
  std::vector<std::vector<std::string>> proofs(kThreads);
  std::vector<std::string> jkts;  // jkt_of asserts with Boost.Test, which is not thread-safe
  for (const auto& key : keys) jkts.push_back(jkt_of(key));
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kProofs; ++i)
      proofs[t].push_back(make_proof(keys[(t + i) % keys.size()], Alg::ES256,
                                     proof_claims("t" + std::to_string(t) + "-" + std::to_string(i))));
  std::vector<std::vector<std::string>> codes(kThreads);
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kProofs; ++i)
        codes[t].push_back(code_of(verifier.verify(request(proofs[t][i]), jkts[(t + i) % keys.size()])));
    });
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kProofs; ++i) BOOST_TEST(codes[t][i] == "ok", "thread " << t << ", proof " << i);
  // A proof's key is not another's: the kept key of one client never verifies another's proof.
  const std::string swapped = make_proof(keys[1], Alg::ES256, proof_header("ES256", keys[0].public_jwk), proof_claims("swap"));
  BOOST_TEST(code_of(verifier.verify(request(swapped), jkt_of(keys[0]))) == "dpop_bad_signature");
}

BOOST_AUTO_TEST_SUITE_END()
