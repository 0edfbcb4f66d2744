// The per-thread verifier caches (lib/crypto/thread_verifiers.hpp) are keyed by KeyData id, never
// by address: a signature by a destroyed key must never verify with a new key that reuses its
// memory, nor the other way round, and a full cache (more keys than slots) must stay correct.
// Sealed RSA and EC keys verify on their prepared state (crypto/rsa_verifier, legacy_verify), so
// the RSA and EC keys here are left unprepared: they verify through the EVP fallback and its
// per-thread cache, the path a key without that state takes.
#include "crypto/signature.hpp"
#include "crypto/thread_verifiers.hpp"
#include "support/test_keys.hpp"

#include <jwtcheck/key.hpp>

#include "keys/key_data.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/err.h>

#include <optional>
#include <set>
#include <span>
#include <vector>

using namespace jwtcheck;
using jwtcheck::test::sign_raw_for_test;
using jwtcheck::test::TestKey;

namespace {

constexpr std::string_view kInput = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjbGllbnRAY2xpZW50cyJ9";
constexpr Alg kCachedAlgs[] = {Alg::RS256, Alg::PS256, Alg::ES256, Alg::HS256};

std::span<const unsigned char> bytes(const std::string& s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

// The key as parsed, then, for RSA and EC, rebuilt without its prepared state (same EVP_PKEY,
// metadata and a new id): its RS*/PS*/ES* verify goes through thread_pkey_verifier.
std::optional<Key> key_for(const TestKey& k) {
  auto key = is_hmac(k.alg) ? hmac_key(k.secret, k.alg, k.kid) : parse_jwk(k.public_jwk);
  if (!key) return std::nullopt;
  if (is_hmac(k.alg)) return *key;
  auto bare = std::make_shared<detail::KeyData>();
  bare->type = key->type();
  bare->kid = std::string(key->kid());
  bare->alg = key->alg();
  bare->curve = std::string(key->curve());
  bare->bits = key->bits();
  EVP_PKEY_up_ref(key->data().pkey.get());
  bare->pkey.reset(key->data().pkey.get());
  BOOST_TEST((!bare->rsa && !bare->legacy_ec));
  return Key(std::move(bare));
}

bool verify(const Key& key, Alg alg, const std::string& sig) {
  return detail::verify_signature(key.data(), alg, kInput, bytes(sig));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(thread_verifier_cache)

BOOST_AUTO_TEST_CASE(key_ids_are_unique_and_never_zero) {
  std::set<std::uint64_t> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(detail::next_key_data_id());
  BOOST_TEST(ids.size() == 1000U);
  BOOST_TEST(ids.count(0) == 0U);
}

BOOST_AUTO_TEST_CASE(a_new_key_at_a_freed_keys_address_never_inherits_its_verifier) {
  for (Alg alg : kCachedAlgs) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const TestKey old_k = jwtcheck::test::generate_test_key(alg, "old");
      const TestKey new_k = jwtcheck::test::generate_test_key(alg, "new");
      const std::string old_sig = sign_raw_for_test(old_k, alg, kInput);
      const std::string new_sig = sign_raw_for_test(new_k, alg, kInput);
      const void* old_address = nullptr;
      {
        auto old_key = key_for(old_k);
        BOOST_REQUIRE(old_key);
        BOOST_TEST(verify(*old_key, alg, old_sig));  // fills this thread's cache for the old key
        BOOST_TEST(!verify(*old_key, alg, new_sig));
        old_address = &old_key->data();
      }
      bool reused_address = false;
      for (int i = 0; i < 200 && !reused_address; ++i) {
        auto new_key = key_for(new_k);
        BOOST_REQUIRE(new_key);
        reused_address = &new_key->data() == old_address;
        BOOST_TEST(!verify(*new_key, alg, old_sig));
        BOOST_TEST(verify(*new_key, alg, new_sig));
      }
#if defined(__SANITIZE_ADDRESS__)
      // AddressSanitizer quarantines freed memory, so the old address never comes back here; the
      // assertions above still ran, and the plain build (CI's first run) proves the reuse case.
      BOOST_TEST_MESSAGE(alg_name(alg) << ": address reuse not asserted under AddressSanitizer (quarantine)");
#else
      BOOST_TEST(reused_address);  // the allocator did hand out the old address: the case above was exercised
#endif
      BOOST_TEST(ERR_peek_error() == 0UL);
    }
  }
}

BOOST_AUTO_TEST_CASE(more_keys_than_slots_all_verify_only_their_own_signatures) {
  for (Alg alg : {Alg::ES256, Alg::HS256}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      std::vector<TestKey> test_keys;
      std::vector<Key> keys;
      std::vector<std::string> sigs;
      for (std::size_t i = 0; i < 2 * detail::kThreadVerifierSlots + 3; ++i) {
        test_keys.push_back(jwtcheck::test::generate_test_key(alg, "k" + std::to_string(i)));
        auto key = key_for(test_keys.back());
        BOOST_REQUIRE(key);
        keys.push_back(*key);
        sigs.push_back(sign_raw_for_test(test_keys.back(), alg, kInput));
      }
      for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
          BOOST_TEST(verify(keys[i], alg, sigs[i]));
          BOOST_TEST(!verify(keys[i], alg, sigs[(i + 1) % keys.size()]));
          BOOST_TEST(!verify(keys[(i + 7) % keys.size()], alg, sigs[i]));
        }
      }
      BOOST_TEST(ERR_peek_error() == 0UL);
    }
  }
}

BOOST_AUTO_TEST_CASE(one_rsa_key_with_two_algs_keeps_separate_verifiers) {
  // A key without a JWK alg binding may verify RS256 and PS256: the (id, alg) pair must
  // select the padding, or a PKCS#1 signature would be checked with PSS and vice versa.
  const TestKey& rs = jwtcheck::test::cached_test_key(Alg::RS256);
  auto parsed = parse_pem_public_key(rs.public_pem);
  BOOST_REQUIRE(parsed.ok());
  auto bare = std::make_shared<detail::KeyData>();  // unprepared: the EVP path (see the top)
  bare->type = KeyType::rsa;
  bare->bits = parsed->bits();
  EVP_PKEY_up_ref(parsed->data().pkey.get());
  bare->pkey.reset(parsed->data().pkey.get());
  const std::optional<Key> key = Key(std::move(bare));
  const std::string pkcs1_sig = sign_raw_for_test(rs, Alg::RS256, kInput);
  const std::string pss_sig = sign_raw_for_test(rs, Alg::PS256, kInput);
  for (int round = 0; round < 3; ++round) {
    BOOST_TEST(verify(*key, Alg::RS256, pkcs1_sig));
    BOOST_TEST(!verify(*key, Alg::PS256, pkcs1_sig));
    BOOST_TEST(verify(*key, Alg::PS256, pss_sig));
    BOOST_TEST(!verify(*key, Alg::RS256, pss_sig));
  }
  BOOST_TEST(ERR_peek_error() == 0UL);
}

BOOST_AUTO_TEST_SUITE_END()
