// Limits on keys and key sets, at their boundaries: Limits::max_jwks_bytes (JWKS, JWK, PEM),
// Limits::max_jwks_keys, Limits::max_json_depth in a JWKS, Limits::min_rsa_bits / max_rsa_bits.
#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/limits.hpp>

#include "support/error_printing.hpp"
#include "support/test_keys.hpp"
#include "support/token_builder.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

namespace {

using jwtcheck::ErrorCode;
using jwtcheck::Limits;

template <class T>
void expect_code(const jwtcheck::Result<T>& result, ErrorCode code) {
  BOOST_TEST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == code, "got " << jwtcheck::code_name(result.error().code) << ": "
                                                 << result.error().message);
}

std::string ec_jwk(std::size_t index) {
  std::string jwk = jwtcheck::test::cached_test_key(jwtcheck::Alg::ES256).public_jwk;
  const auto kid = jwk.find("\"kid\":\"");
  BOOST_TEST_REQUIRE(kid != std::string::npos);
  jwk.insert(kid + 7, "k" + std::to_string(index) + "-");
  return jwk;
}

std::string jwks_with(std::size_t count) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < count; ++i) keys.push_back(ec_jwk(i));
  return jwtcheck::test::jwks_json(keys);
}

// An odd modulus of exactly `bits` bits (deterministic bytes; no ROCA structure). Parsing a
// public key needs no factorization, so this stands for a real key of that size.
std::string modulus_of_bits(unsigned bits) {
  std::mt19937 random(bits);
  std::string n((bits + 7) / 8, '\0');
  for (auto& byte : n) byte = static_cast<char>(random() & 0xff);
  const unsigned top_bits = bits % 8 == 0 ? 8 : bits % 8;
  n[0] = static_cast<char>((static_cast<unsigned char>(n[0]) & ((1u << top_bits) - 1)) | (1u << (top_bits - 1)));
  n.back() = static_cast<char>(n.back() | 1);
  return n;
}

std::string rsa_jwk_of_bits(unsigned bits) {
  return R"({"kty":"RSA","kid":"r","n":")" + jwtcheck::test::b64url(modulus_of_bits(bits)) + R"(","e":"AQAB"})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_limits)

BOOST_AUTO_TEST_CASE(a_jwks_of_exactly_max_jwks_bytes_parses_and_one_more_byte_is_invalid_jwks) {
  Limits limits;
  BOOST_TEST(limits.max_jwks_bytes == 512u * 1024u);
  std::string document = jwks_with(2);
  document.append(limits.max_jwks_bytes - document.size(), ' ');  // trailing JSON whitespace
  auto accepted = jwtcheck::parse_jwks(document, limits);
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->keys.size() == 2u);
  expect_code(jwtcheck::parse_jwks(document + " ", limits), ErrorCode::invalid_jwks);
}

BOOST_AUTO_TEST_CASE(a_jwk_and_a_pem_are_capped_by_max_jwks_bytes_too) {
  Limits limits;
  limits.max_jwks_bytes = 4096;
  std::string jwk = ec_jwk(0);
  jwk.append(limits.max_jwks_bytes - jwk.size(), ' ');
  BOOST_TEST(jwtcheck::parse_jwk(jwk, limits).ok());
  expect_code(jwtcheck::parse_jwk(jwk + " ", limits), ErrorCode::invalid_key);

  std::string pem = jwtcheck::test::cached_test_key(jwtcheck::Alg::ES256).public_pem;
  pem.append(limits.max_jwks_bytes - pem.size(), '\n');
  auto pem_accepted = jwtcheck::parse_pem_public_key(pem, "p", limits);
  BOOST_TEST(pem_accepted.ok(), (pem_accepted.ok() ? "" : pem_accepted.error().message));
  expect_code(jwtcheck::parse_pem_public_key(pem + "\n", "p", limits), ErrorCode::invalid_key);
}

BOOST_AUTO_TEST_CASE(exactly_max_jwks_keys_parse_and_one_more_is_too_many_keys) {
  const Limits limits;
  BOOST_TEST(limits.max_jwks_keys == 256u);
  auto accepted = jwtcheck::parse_jwks(jwks_with(256), limits);
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->keys.size() == 256u);
  BOOST_TEST(accepted->skipped.empty());
  auto refused = jwtcheck::parse_jwks(jwks_with(257), limits);
  expect_code(refused, ErrorCode::too_many_keys);
  BOOST_TEST(refused.error().message.find("257") != std::string::npos, refused.error().message);
}

BOOST_AUTO_TEST_CASE(a_custom_key_count_limit_counts_skipped_keys_too) {
  Limits limits;
  limits.max_jwks_keys = 2;
  const std::string oct = R"({"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"})";
  BOOST_TEST(jwtcheck::parse_jwks(jwtcheck::test::jwks_json({ec_jwk(0), oct}), limits).ok());
  expect_code(jwtcheck::parse_jwks(jwtcheck::test::jwks_json({ec_jwk(0), oct, oct}), limits),
              ErrorCode::too_many_keys);
}

BOOST_AUTO_TEST_CASE(jwks_nesting_at_the_depth_limit_parses_and_one_deeper_is_json_too_deep) {
  // {"keys":[{...,"x":[…]}]}: the document is level 1, "keys" 2, the key 3, then the arrays.
  const auto jwks_with_nesting = [](std::size_t depth) {
    std::string key = ec_jwk(0);
    key.insert(1, R"("nest":)" + std::string(depth - 3, '[') + std::string(depth - 3, ']') + ",");
    return jwtcheck::test::jwks_json({key});
  };
  auto accepted = jwtcheck::parse_jwks(jwks_with_nesting(16));
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->keys.size() == 1u);
  expect_code(jwtcheck::parse_jwks(jwks_with_nesting(17)), ErrorCode::json_too_deep);
}

BOOST_AUTO_TEST_CASE(rsa_of_exactly_min_rsa_bits_parses_and_one_bit_less_is_weak_key) {
  const Limits limits;
  BOOST_TEST(limits.min_rsa_bits == 2048u);
  auto accepted = jwtcheck::parse_jwk(rsa_jwk_of_bits(2048), limits);
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->bits() == 2048u);
  expect_code(jwtcheck::parse_jwk(rsa_jwk_of_bits(2047), limits), ErrorCode::weak_key);
}

BOOST_AUTO_TEST_CASE(rsa_of_exactly_max_rsa_bits_parses_and_one_bit_more_is_unsupported_key) {
  const Limits limits;
  BOOST_TEST(limits.max_rsa_bits == 16384u);
  auto accepted = jwtcheck::parse_jwk(rsa_jwk_of_bits(16384), limits);
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->bits() == 16384u);
  expect_code(jwtcheck::parse_jwk(rsa_jwk_of_bits(16385), limits), ErrorCode::unsupported_key);
}

BOOST_AUTO_TEST_CASE(rsa_bit_limits_hold_in_a_jwks_where_the_key_is_skipped_with_the_reason) {
  auto parsed = jwtcheck::parse_jwks(jwtcheck::test::jwks_json({rsa_jwk_of_bits(2047), rsa_jwk_of_bits(16385)}));
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  BOOST_TEST(parsed->keys.empty());
  BOOST_TEST_REQUIRE(parsed->skipped.size() == 2u);
  BOOST_TEST(parsed->skipped[0].reason.code == ErrorCode::weak_key);
  BOOST_TEST(parsed->skipped[1].reason.code == ErrorCode::unsupported_key);
}

BOOST_AUTO_TEST_SUITE_END()
