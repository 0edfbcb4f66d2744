// One shared KeyVerifier, many threads: its pre-initialised context is only read (each verify
// works on a copy), so every answer must be right (run under -fsanitize=thread to see races, too).
#include "keys/key_data.hpp"
#include "crypto/key_verifier.hpp"
#include "support/test_keys.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <span>
#include <string>
#include <thread>
#include <vector>

using namespace jwtcheck;

namespace {

std::span<const unsigned char> bytes(const std::string& s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

// 4 threads × `rounds`, alternating a good signature (must verify) and a tampered input (must not).
std::size_t wrong_answers(const detail::KeyVerifier& verifier, const std::string& input, const std::string& sig, int rounds) {
  std::atomic<std::size_t> wrong{0};
  std::atomic<std::size_t> checked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < rounds; ++i) {
        const bool good = i % 2 == 0;
        const bool ok = verifier.verify(good ? input : input + "!", bytes(sig));
        if (ok != good) ++wrong;
        ++checked;
      }
    });
  for (auto& th : threads) th.join();
  BOOST_TEST(checked.load() == static_cast<std::size_t>(4 * rounds));
  return wrong.load();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(concurrent_verify)

BOOST_AUTO_TEST_CASE(four_threads_share_one_key_per_alg) {
  const std::string input = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4QGNsaWVudHMifQ";
  for (Alg alg : {Alg::RS256, Alg::PS256, Alg::ES256, Alg::EdDSA, Alg::HS256}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const auto& k = test::cached_test_key(alg);
      auto key = is_hmac(alg) ? hmac_key(k.secret, alg) : parse_jwk(k.public_jwk);
      BOOST_REQUIRE(key.ok());
      const std::string sig = test::sign_raw_for_test(k, alg, input);
      auto verifier = detail::KeyVerifier::create(detail::key_data(*key), alg, detail::OpensslAlgorithms::process_default());
      BOOST_REQUIRE(verifier.ok());
      BOOST_TEST(wrong_answers(*verifier, input, sig, 400) == 0U);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
