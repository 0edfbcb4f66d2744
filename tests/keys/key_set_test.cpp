// KeySet: O(1) kid lookup, alg preference among duplicate kids, thumbprint membership.
#include "support/test_keys.hpp"

#include <jwtcheck/key_set.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace jwtcheck;
using jwtcheck::test::cached_test_key;

namespace {

Key jwk_key(const std::string& jwk) {
  auto key = parse_jwk(jwk);
  if (!key) BOOST_FAIL(key.error().message);
  return *key;
}

std::string with_kid(Alg alg, const std::string& kid) {
  std::string jwk = cached_test_key(alg).public_jwk;
  const std::string old_kid = "\"kid\":\"cached-" + std::string(alg_name(alg)) + "\"";
  jwk.replace(jwk.find(old_kid), old_kid.size(), "\"kid\":\"" + kid + "\"");
  return jwk;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_set)

BOOST_AUTO_TEST_CASE(empty_set_finds_nothing) {
  KeySet set;
  BOOST_TEST(set.empty());
  BOOST_TEST(set.find("a", Alg::RS256) == nullptr);
  BOOST_TEST(!set.contains("a", "b"));
}

BOOST_AUTO_TEST_CASE(duplicate_kids_prefer_a_key_that_can_verify) {
  const Key rsa = jwk_key(with_kid(Alg::RS256, "shared"));
  const Key ec = jwk_key(with_kid(Alg::ES256, "shared"));
  const Key ed = jwk_key(with_kid(Alg::EdDSA, "other"));
  KeySet set({rsa, ec, ed});
  BOOST_TEST(set.size() == 3U);
  const Key* for_es = set.find("shared", Alg::ES256);
  BOOST_REQUIRE(for_es != nullptr);
  BOOST_TEST((for_es->type() == KeyType::ec));
  const Key* for_rs = set.find("shared", Alg::RS256);
  BOOST_REQUIRE(for_rs != nullptr);
  BOOST_TEST((for_rs->type() == KeyType::rsa));
  // No key with this kid fits EdDSA: the first one with the kid comes back (for key_mismatch).
  const Key* mismatch = set.find("shared", Alg::EdDSA);
  BOOST_REQUIRE(mismatch != nullptr);
  BOOST_TEST(mismatch == &set.keys()[0]);
  BOOST_TEST(!mismatch->can_verify(Alg::EdDSA));
  BOOST_TEST(set.find("missing", Alg::RS256) == nullptr);
  BOOST_TEST(set.find("SHARED", Alg::RS256) == nullptr);  // kids compare exactly
  // Same kid, same type: the earlier key wins, whatever the hash table's order.
  KeySet two_rsa({jwk_key(with_kid(Alg::RS256, "x")), jwk_key(with_kid(Alg::RS384, "x"))});
  BOOST_TEST(two_rsa.find("x", Alg::RS384) == &two_rsa.keys()[1]);  // only the second is bound to RS384
  BOOST_TEST(two_rsa.find("x", Alg::PS256) == &two_rsa.keys()[0]);  // neither fits: the first
}

BOOST_AUTO_TEST_CASE(keys_without_kid_match_the_empty_kid) {
  KeySet set({jwk_key(with_kid(Alg::ES384, ""))});
  BOOST_TEST(set.find("", Alg::ES384) != nullptr);
  BOOST_TEST(set.find("cached-ES384", Alg::ES384) == nullptr);
}

BOOST_AUTO_TEST_CASE(contains_matches_kid_and_thumbprint) {
  const Key rsa = jwk_key(with_kid(Alg::RS256, "a"));
  const Key ec = jwk_key(with_kid(Alg::ES256, "b"));
  KeySet set({rsa, ec});
  BOOST_TEST(set.contains("a", rsa.thumbprint()));
  BOOST_TEST(set.contains("b", ec.thumbprint()));
  BOOST_TEST(!set.contains("a", ec.thumbprint()));
  BOOST_TEST(!set.contains("c", rsa.thumbprint()));
  BOOST_TEST(!set.contains("a", ""));
}

BOOST_AUTO_TEST_CASE(hundred_keys_and_copies_stay_valid) {
  std::vector<Key> keys;
  for (int i = 0; i < 100; ++i) {
    auto key = hmac_key(std::string(64, static_cast<char>('a' + i % 26)), i % 2 ? Alg::HS256 : Alg::HS384,
                        "kid-" + std::to_string(i));
    BOOST_REQUIRE(key.ok());
    keys.push_back(*key);
  }
  auto original = std::make_unique<KeySet>(keys);
  KeySet copy = *original;
  KeySet moved = std::move(*original);
  original.reset();  // the copies' kid views point into the shared keys, not into *original
  for (const KeySet* set : {&copy, &moved}) {
    BOOST_TEST(set->size() == 100U);
    for (int i = 0; i < 100; ++i) {
      const Alg alg = i % 2 ? Alg::HS256 : Alg::HS384;
      const Key* found = set->find("kid-" + std::to_string(i), alg);
      BOOST_REQUIRE(found != nullptr);
      BOOST_TEST(found->kid() == "kid-" + std::to_string(i));
      BOOST_TEST(found->can_verify(alg));
    }
    BOOST_TEST(set->find("kid-100", Alg::HS256) == nullptr);
  }
}

BOOST_AUTO_TEST_CASE(kids_of_every_length_and_repeated_kids_are_all_found) {
  // Kids from 0 to 40 bytes (every tail length of the 8-byte hash steps), kids differing only
  // in their last byte, and one kid repeated across the set: each finds exactly its keys.
  std::vector<Key> keys;
  std::vector<std::string> kids;
  for (std::size_t length = 0; length <= 40; ++length) {
    kids.push_back(std::string(length, 'k'));
    if (length > 0) kids.push_back(std::string(length - 1, 'k') + 'j');
  }
  int repeats = 0;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (i % 10 == 3) {  // "repeated", bound to HS384 at its third place only
      auto key = hmac_key(std::string(64, 'r'), ++repeats == 3 ? Alg::HS384 : Alg::HS256, "repeated");
      BOOST_REQUIRE(key.ok());
      keys.push_back(*key);
    }
    auto key = hmac_key(std::string(64, 'x'), Alg::HS256, kids[i]);
    BOOST_REQUIRE(key.ok());
    keys.push_back(*key);
  }
  const KeySet set(keys);
  for (const std::string& kid : kids) {
    const Key* found = set.find(kid, Alg::HS256);
    BOOST_REQUIRE_MESSAGE(found != nullptr, "kid of " << kid.size() << " bytes");
    BOOST_TEST(found->kid() == kid);
    BOOST_TEST(set.contains(kid, found->thumbprint()));
  }
  std::vector<std::size_t> repeated;
  for (std::size_t i = 0; i < set.size(); ++i)
    if (set.keys()[i].kid() == "repeated") repeated.push_back(i);
  BOOST_REQUIRE(repeated.size() >= 3u);
  BOOST_TEST(set.find("repeated", Alg::HS256) == &set.keys()[repeated[0]]);
  const Key* hs384 = set.find("repeated", Alg::HS384);
  BOOST_REQUIRE(hs384 != nullptr);
  BOOST_TEST(hs384 == &set.keys()[repeated[2]]);
  BOOST_TEST(set.find("repeated", Alg::RS256) == &set.keys()[repeated[0]]);  // none fits: the first
  BOOST_TEST(set.find("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", Alg::HS256) == nullptr);  // 41 bytes
}

BOOST_AUTO_TEST_SUITE_END()
