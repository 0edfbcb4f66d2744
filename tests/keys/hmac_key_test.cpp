// hmac_key: the only way in for HMAC secrets; length rules and alg binding.
#include "support/error_printing.hpp"

#include "keys/key_data.hpp"

#include <memory>
#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;

BOOST_AUTO_TEST_SUITE(hmac_keys)

BOOST_AUTO_TEST_CASE(secret_must_be_at_least_the_hash_length) {
  struct Case {
    Alg alg;
    std::size_t min;
  };
  for (const Case& c : {Case{Alg::HS256, 32}, Case{Alg::HS384, 48}, Case{Alg::HS512, 64}}) {
    BOOST_TEST_CONTEXT(alg_name(c.alg)) {
      auto too_short = hmac_key(std::string(c.min - 1, 'k'), c.alg);
      BOOST_REQUIRE(!too_short.ok());
      BOOST_TEST(too_short.error().code == ErrorCode::weak_key);
      BOOST_TEST(too_short.error().message.find(std::to_string(c.min)) != std::string::npos);
      BOOST_TEST(too_short.error().message.find("kkkk") == std::string::npos);  // never the secret
      auto empty = hmac_key("", c.alg);
      BOOST_TEST((!empty.ok() && empty.error().code == ErrorCode::weak_key));
      auto exact = hmac_key(std::string(c.min, 'k'), c.alg, "kid-1");
      BOOST_REQUIRE(exact.ok());
      BOOST_TEST((exact->type() == KeyType::oct));
      BOOST_TEST((exact->alg() == std::optional<Alg>(c.alg)));
      BOOST_TEST(exact->bits() == c.min * 8);
      BOOST_TEST(exact->kid() == "kid-1");
      BOOST_TEST(exact->curve().empty());
      BOOST_TEST(hmac_key(std::string(1000, 'k'), c.alg).ok());
    }
  }
}

BOOST_AUTO_TEST_CASE(bound_to_one_hmac_alg) {
  auto key = hmac_key(std::string(64, 'k'), Alg::HS384);
  BOOST_REQUIRE(key.ok());
  for (Alg alg : {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384, Alg::PS512, Alg::ES256, Alg::ES384,
                  Alg::ES512, Alg::EdDSA, Alg::HS256, Alg::HS384, Alg::HS512})
    BOOST_TEST(key->can_verify(alg) == (alg == Alg::HS384), alg_name(alg));
  for (Alg not_hmac : {Alg::RS256, Alg::ES256, Alg::EdDSA}) {
    auto refused = hmac_key(std::string(64, 'k'), not_hmac);
    BOOST_TEST((!refused.ok() && refused.error().code == ErrorCode::invalid_key), alg_name(not_hmac));
  }
}

BOOST_AUTO_TEST_CASE(secret_with_nul_bytes_is_kept_whole) {
  const std::string secret("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 32);
  auto key = hmac_key(secret, Alg::HS256);
  BOOST_REQUIRE(key.ok());
  BOOST_TEST(detail::key_data(*key).secret == secret);
}

BOOST_AUTO_TEST_CASE(key_data_destructor_cleanses_the_secret) {
  // Observe the bytes after ~KeyData through storage we own: a short secret lives inside the
  // std::string object itself (small-string buffer), so its bytes stay readable afterwards.
  alignas(detail::KeyData) unsigned char storage[sizeof(detail::KeyData)];
  auto* small = new (storage) detail::KeyData();
  small->secret.assign("0123456789", 10);  // inline in the std::string object (SSO)
  const std::size_t offset = static_cast<std::size_t>(reinterpret_cast<unsigned char*>(small->secret.data()) - storage);
  BOOST_REQUIRE(offset < sizeof(storage));
  std::destroy_at(small);
  bool wiped = true;
  for (std::size_t i = 0; i < 10; ++i) wiped = wiped && storage[offset + i] != static_cast<unsigned char>('0' + i);
  BOOST_TEST(wiped);
}

BOOST_AUTO_TEST_SUITE_END()
