// parse_jwk: good keys of every type, and every kind of bad member a JWK can have.
#include "keys/jwk_edit.hpp"
#include "support/error_printing.hpp"
#include "support/test_keys.hpp"

#include "support/test_base64url.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/rand.h>

using namespace jwtcheck;
using jwtcheck::test::base64url_decode;
using jwtcheck::test::base64url_encode;
using jwtcheck::test::cached_test_key;
using jwtcheck::test::jwk_member;
using jwtcheck::test::jwk_with;
using jwtcheck::test::jwk_without;
using jwtcheck::test::quoted;

namespace {

void expect_error(const Result<Key>& result, ErrorCode code, const std::string& fragment = {}) {
  BOOST_REQUIRE_MESSAGE(!result.ok(), "expected " << code_name(code) << " but the key parsed");
  BOOST_TEST(result.error().code == code, "message: " << result.error().message);
  if (!fragment.empty())
    BOOST_TEST(result.error().message.find(fragment) != std::string::npos,
               "message \"" << result.error().message << "\" should mention \"" << fragment << "\"");
}

const std::string& rsa_jwk() { return cached_test_key(Alg::RS256).public_jwk; }
const std::string& ec_jwk() { return cached_test_key(Alg::ES256).public_jwk; }
const std::string& okp_jwk() { return cached_test_key(Alg::EdDSA).public_jwk; }

// A random odd number of `bits` bits as base64url: a modulus-shaped value for size checks.
std::string odd_number_b64(unsigned bits) {
  std::string n((bits + 7) / 8, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(n.data()), static_cast<int>(n.size()));
  const unsigned top_bits = bits % 8 == 0 ? 8 : bits % 8;
  n[0] = static_cast<char>((static_cast<unsigned char>(n[0]) & ((1u << top_bits) - 1)) | (1u << (top_bits - 1)));
  n.back() = static_cast<char>(n.back() | 1);
  return base64url_encode(n);
}

// Flips the value of the last character so the base64url stays canonical but decodes differently.
std::string flip_last_byte(const std::string& b64) {
  auto bytes = *base64url_decode(b64);
  bytes.back() = static_cast<char>(bytes.back() ^ 1);
  return base64url_encode(bytes);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jwk)

BOOST_AUTO_TEST_CASE(parses_every_supported_type) {
  struct Case {
    Alg alg;
    KeyType type;
    const char* curve;
    unsigned bits;
  };
  for (const Case& c : {Case{Alg::RS256, KeyType::rsa, "", 2048}, Case{Alg::ES256, KeyType::ec, "P-256", 256},
                        Case{Alg::ES384, KeyType::ec, "P-384", 384}, Case{Alg::ES512, KeyType::ec, "P-521", 521},
                        Case{Alg::EdDSA, KeyType::okp, "Ed25519", 255}}) {
    BOOST_TEST_CONTEXT(alg_name(c.alg)) {
      auto key = parse_jwk(cached_test_key(c.alg).public_jwk);
      BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
      BOOST_TEST((key->type() == c.type));
      BOOST_TEST(key->curve() == c.curve);
      BOOST_TEST(key->bits() == c.bits);
      BOOST_TEST(key->kid() == "cached-" + std::string(alg_name(c.alg)));
      BOOST_TEST((key->alg() == std::optional<Alg>(c.alg)));
      BOOST_TEST(key->thumbprint().size() == 43U);  // base64url of 32 bytes
      BOOST_TEST(key->can_verify(c.alg));
    }
  }
  auto ed448 = parse_jwk(test::generate_test_key(Alg::EdDSA, "e", 2048, true).public_jwk);
  BOOST_REQUIRE(ed448.ok());
  BOOST_TEST(ed448->curve() == "Ed448");
  BOOST_TEST(ed448->bits() == 448U);
}

BOOST_AUTO_TEST_CASE(optional_members_may_be_absent) {
  auto key = parse_jwk(jwk_without(jwk_without(jwk_without(rsa_jwk(), "kid"), "alg"), "use"));
  BOOST_REQUIRE(key.ok());
  BOOST_TEST(key->kid().empty());
  BOOST_TEST(!key->alg().has_value());
  BOOST_TEST(key->can_verify(Alg::RS256));
  BOOST_TEST(key->can_verify(Alg::PS512));
  BOOST_TEST(!key->can_verify(Alg::ES256));
  // Unknown members (x5c, x5t, custom) are ignored; jwtcheck never reads certificates from x5c.
  BOOST_TEST(parse_jwk(jwk_with(rsa_jwk(), "x5t", "\"abc\"")).ok());
  BOOST_TEST(parse_jwk(jwk_with(rsa_jwk(), "ext", R"({"a":[1,2,{"b":null}]})")).ok());
}

BOOST_AUTO_TEST_CASE(required_members_missing) {
  expect_error(parse_jwk(jwk_without(rsa_jwk(), "kty")), ErrorCode::invalid_key, "kty");
  expect_error(parse_jwk(jwk_without(rsa_jwk(), "n")), ErrorCode::invalid_key, "\"n\"");
  expect_error(parse_jwk(jwk_without(rsa_jwk(), "e")), ErrorCode::invalid_key, "\"e\"");
  expect_error(parse_jwk(jwk_without(ec_jwk(), "crv")), ErrorCode::invalid_key, "\"crv\"");
  expect_error(parse_jwk(jwk_without(ec_jwk(), "x")), ErrorCode::invalid_key, "\"x\"");
  expect_error(parse_jwk(jwk_without(ec_jwk(), "y")), ErrorCode::invalid_key, "\"y\"");
  expect_error(parse_jwk(jwk_without(okp_jwk(), "crv")), ErrorCode::invalid_key, "\"crv\"");
  expect_error(parse_jwk(jwk_without(okp_jwk(), "x")), ErrorCode::invalid_key, "\"x\"");
  expect_error(parse_jwk("{}"), ErrorCode::invalid_key, "kty");
}

BOOST_AUTO_TEST_CASE(wrong_json_types) {
  for (const char* member : {"kty", "n", "e", "kid", "alg", "use"}) {
    for (const char* value : {"1", "null", "true", "[]", "{}"}) {
      BOOST_TEST_CONTEXT(member << " = " << value) {
        expect_error(parse_jwk(jwk_with(rsa_jwk(), member, value)), ErrorCode::invalid_key, "must be a string");
      }
    }
  }
  for (const char* member : {"crv", "x", "y"})
    expect_error(parse_jwk(jwk_with(ec_jwk(), member, "42")), ErrorCode::invalid_key, "must be a string");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "key_ops", "\"verify\"")), ErrorCode::invalid_key, "array");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "key_ops", "[\"verify\", 1]")), ErrorCode::invalid_key, "strings");
  for (const char* not_object : {"[]", "\"RSA\"", "1", "null", "true"})
    expect_error(parse_jwk(not_object), ErrorCode::invalid_key, "JSON object");
}

BOOST_AUTO_TEST_CASE(bad_and_non_canonical_base64url) {
  const std::string n = jwk_member(rsa_jwk(), "n");
  const std::string x = jwk_member(ec_jwk(), "x");  // 32 bytes: 43 chars, 2 unused bits in the last one
  for (const std::string& bad : {n + "=", n.substr(0, 100) + "+" + n.substr(101), n.substr(0, 100) + "/" + n.substr(101),
                                 n.substr(0, 100) + " " + n.substr(101), n.substr(1), std::string("!!!!")})
    expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(bad))), ErrorCode::invalid_key, "base64url");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AQAB="))), ErrorCode::invalid_key, "base64url");
  // Same bytes, different text: set one of the unused trailing bits.
  std::string non_canonical = x;
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  non_canonical.back() = alphabet[alphabet.find(x.back()) | 1];
  BOOST_REQUIRE(non_canonical != x);
  expect_error(parse_jwk(jwk_with(ec_jwk(), "x", quoted(non_canonical))), ErrorCode::invalid_key, "base64url");
}

BOOST_AUTO_TEST_CASE(ec_coordinates_must_be_exact_and_on_the_curve) {
  const std::string x = jwk_member(ec_jwk(), "x");
  const std::string y = jwk_member(ec_jwk(), "y");
  auto x_bytes = *base64url_decode(x);
  expect_error(parse_jwk(jwk_with(ec_jwk(), "x", quoted(base64url_encode(x_bytes.substr(1))))), ErrorCode::invalid_key, "expected 32");
  expect_error(parse_jwk(jwk_with(ec_jwk(), "x", quoted(base64url_encode('\0' + x_bytes)))), ErrorCode::invalid_key, "expected 32");
  expect_error(parse_jwk(jwk_with(ec_jwk(), "y", quoted(""))), ErrorCode::invalid_key, "expected 32");
  expect_error(parse_jwk(jwk_with(ec_jwk(), "y", quoted(flip_last_byte(y)))), ErrorCode::invalid_key, "not on curve");
  // x = p (the field prime) is out of range even though it has the right length.
  const std::string p256 = test::bytes_from_hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
  expect_error(parse_jwk(jwk_with(ec_jwk(), "x", quoted(base64url_encode(p256)))), ErrorCode::invalid_key, "not on curve");
  // The point at infinity has no affine encoding: all-zero coordinates are refused.
  const std::string zeros = base64url_encode(std::string(32, '\0'));
  expect_error(parse_jwk(jwk_with(jwk_with(ec_jwk(), "x", quoted(zeros)), "y", quoted(zeros))), ErrorCode::invalid_key);
  // P-256 coordinates claimed as P-384: wrong length for that curve.
  expect_error(parse_jwk(jwk_without(jwk_with(ec_jwk(), "crv", "\"P-384\""), "alg")), ErrorCode::invalid_key, "expected 48");
}

BOOST_AUTO_TEST_CASE(unknown_kty_and_curves_are_unsupported) {
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "kty", "\"RSA-PSS\"")), ErrorCode::unsupported_key, "kty");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "kty", "\"rsa\"")), ErrorCode::unsupported_key, "kty");
  for (const char* crv : {"\"P-192\"", "\"secp256k1\"", "\"p-256\"", "\"\""})
    expect_error(parse_jwk(jwk_without(jwk_with(ec_jwk(), "crv", crv), "alg")), ErrorCode::unsupported_key, "curve");
  for (const char* crv : {"\"X25519\"", "\"X448\"", "\"ed25519\""})
    expect_error(parse_jwk(jwk_without(jwk_with(okp_jwk(), "crv", crv), "alg")), ErrorCode::unsupported_key, "curve");
  expect_error(parse_jwk(jwk_with(okp_jwk(), "x", quoted(base64url_encode(std::string(31, 'a'))))), ErrorCode::invalid_key, "expected 32");
}

BOOST_AUTO_TEST_CASE(rsa_size_limits) {
  auto small = test::generate_test_key(Alg::RS256, "small", 1024);
  expect_error(parse_jwk(small.public_jwk), ErrorCode::weak_key, "1024 bits");
  // Limits may raise the minimum, never lower it below 2048 (SP 800-131A).
  Limits relaxed;
  relaxed.min_rsa_bits = 1024;
  expect_error(parse_jwk(small.public_jwk, relaxed), ErrorCode::weak_key, "at least 2048");
  Limits strict;
  strict.min_rsa_bits = 3072;
  expect_error(parse_jwk(rsa_jwk(), strict), ErrorCode::weak_key, "at least 3072");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(odd_number_b64(2047)))), ErrorCode::weak_key, "2047 bits");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(odd_number_b64(20000)))), ErrorCode::unsupported_key, "20000 bits");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(odd_number_b64(16385)))), ErrorCode::unsupported_key, "16385 bits");
  auto largest = parse_jwk(jwk_with(rsa_jwk(), "n", quoted(odd_number_b64(16384))));
  BOOST_REQUIRE_MESSAGE(largest.ok(), (largest.ok() ? "" : largest.error().message));
  BOOST_TEST(largest->bits() == 16384U);
}

BOOST_AUTO_TEST_CASE(rsa_modulus_and_exponent_checks) {
  auto n = *base64url_decode(jwk_member(rsa_jwk(), "n"));
  std::string even = n;
  even.back() = static_cast<char>(even.back() & ~1);
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(base64url_encode(even)))), ErrorCode::invalid_key, "even");
  // Decision: a leading zero octet in n is refused (RFC 7518 §6.3.1.1 "MUST NOT").
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(base64url_encode('\0' + n)))), ErrorCode::invalid_key, "leading zero");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "n", quoted(""))), ErrorCode::invalid_key, "empty");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted(""))), ErrorCode::invalid_key, "empty");
  // NIST SP 800-89: e odd and 2^16 < e < 2^256.
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AQ"))), ErrorCode::weak_key, "at least 65537");  // e = 1
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("Aw"))), ErrorCode::weak_key, "e is 3,");        // e = 3
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("_w"))), ErrorCode::weak_key, "e is 255,");     // e = 255
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("__8"))), ErrorCode::weak_key, "e is 65535,");  // 2^16 - 1
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AA"))), ErrorCode::invalid_key);              // e = 0
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AQAA"))), ErrorCode::invalid_key, "even");    // 65536
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AAEAAQ"))), ErrorCode::invalid_key, "leading zero");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "e", quoted(base64url_encode(std::string(33, '\x01'))))),
               ErrorCode::unsupported_key, "e < 2^256");
  BOOST_TEST(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AQAB"))).ok());  // 65537, the smallest allowed
  BOOST_TEST(parse_jwk(jwk_with(rsa_jwk(), "e", quoted("AQAD"))).ok());  // 65539
  BOOST_TEST(parse_jwk(jwk_with(rsa_jwk(), "e", quoted(base64url_encode(std::string(32, '\x01'))))).ok());  // < 2^256
}

BOOST_AUTO_TEST_CASE(private_members_are_refused) {
  for (const char* member : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
    BOOST_TEST_CONTEXT(member) {
      expect_error(parse_jwk(jwk_with(rsa_jwk(), member, "\"AQAB\"")), ErrorCode::invalid_key, "private");
    }
  expect_error(parse_jwk(jwk_with(ec_jwk(), "d", "\"AQAB\"")), ErrorCode::invalid_key, "private");
  expect_error(parse_jwk(jwk_with(okp_jwk(), "d", "\"AQAB\"")), ErrorCode::invalid_key, "private");
  // The check is on presence, whatever the value's type.
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "d", "null")), ErrorCode::invalid_key, "private");
}

BOOST_AUTO_TEST_CASE(oct_keys_never_come_from_a_jwk) {
  expect_error(parse_jwk(R"({"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI","alg":"HS256"})"),
               ErrorCode::unsupported_key, "hmac_key");
}

BOOST_AUTO_TEST_CASE(use_key_ops_and_alg_binding) {
  auto enc = parse_jwk(jwk_with(rsa_jwk(), "use", "\"enc\""));
  BOOST_REQUIRE(enc.ok());
  auto other_use = parse_jwk(jwk_with(rsa_jwk(), "use", "\"other\""));
  BOOST_REQUIRE(other_use.ok());
  auto sign_only = parse_jwk(jwk_with(rsa_jwk(), "key_ops", R"(["sign"])"));
  BOOST_REQUIRE(sign_only.ok());
  auto empty_ops = parse_jwk(jwk_with(rsa_jwk(), "key_ops", "[]"));
  BOOST_REQUIRE(empty_ops.ok());
  auto verify_ops = parse_jwk(jwk_with(rsa_jwk(), "key_ops", R"(["sign","verify"])"));
  BOOST_REQUIRE(verify_ops.ok());
  auto ops_and_enc = parse_jwk(jwk_with(jwk_with(rsa_jwk(), "key_ops", R"(["verify"])"), "use", "\"enc\""));
  BOOST_REQUIRE(ops_and_enc.ok());
  for (Alg alg : {Alg::RS256, Alg::RS384, Alg::PS256}) {
    BOOST_TEST(!enc->can_verify(alg));
    BOOST_TEST(!other_use->can_verify(alg));
    BOOST_TEST(!sign_only->can_verify(alg));
    BOOST_TEST(!empty_ops->can_verify(alg));
    BOOST_TEST(!ops_and_enc->can_verify(alg));
    BOOST_TEST(verify_ops->can_verify(alg) == (alg == Alg::RS256));  // still bound to alg RS256
  }
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "key_ops", R"(["verify","verify"])")), ErrorCode::invalid_key, "twice");
  // alg must be a JWS alg jwtcheck knows, and must fit the key.
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "alg", "\"none\"")), ErrorCode::unsupported_key, "none");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "alg", "\"RSA-OAEP\"")), ErrorCode::unsupported_key, "RSA-OAEP");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "alg", "\"rs256\"")), ErrorCode::unsupported_key);
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "alg", "\"ES256\"")), ErrorCode::invalid_key, "does not fit");
  expect_error(parse_jwk(jwk_with(rsa_jwk(), "alg", "\"HS256\"")), ErrorCode::invalid_key, "does not fit");
  expect_error(parse_jwk(jwk_with(ec_jwk(), "alg", "\"ES384\"")), ErrorCode::invalid_key, "does not fit");
  expect_error(parse_jwk(jwk_with(ec_jwk(), "alg", "\"RS256\"")), ErrorCode::invalid_key, "does not fit");
  expect_error(parse_jwk(jwk_with(okp_jwk(), "alg", "\"ES256\"")), ErrorCode::invalid_key, "does not fit");
  auto ps = parse_jwk(jwk_with(rsa_jwk(), "alg", "\"PS384\""));
  BOOST_REQUIRE(ps.ok());
  BOOST_TEST(ps->can_verify(Alg::PS384));
  BOOST_TEST(!ps->can_verify(Alg::RS256));
}

BOOST_AUTO_TEST_CASE(json_level_problems) {
  const std::string jwk = rsa_jwk();
  expect_error(parse_jwk(jwk.substr(0, jwk.size() - 1)), ErrorCode::invalid_key, "invalid JSON");
  expect_error(parse_jwk(jwk + "x"), ErrorCode::invalid_key, "invalid JSON");
  expect_error(parse_jwk(jwk + std::string("\0", 1)), ErrorCode::invalid_key, "invalid JSON");  // NUL byte
  expect_error(parse_jwk(""), ErrorCode::invalid_key);
  expect_error(parse_jwk(R"({"kty":"RSA","kty":"EC"})"), ErrorCode::duplicate_member, "kty");
  expect_error(parse_jwk("{\"kty\":\"RSA\",\"kid\":\"\xff\"}"), ErrorCode::invalid_key, "invalid JSON");
  expect_error(parse_jwk("{\"kty\":\"RSA\",\"kid\":\"\xc0\xaf\"}"), ErrorCode::invalid_key, "invalid JSON");  // overlong
  std::string deep = "{\"kty\":\"RSA\",\"ext\":" + std::string(20, '[') + std::string(20, ']') + "}";
  expect_error(parse_jwk(deep), ErrorCode::json_too_deep);
  Limits small;
  small.max_jwks_bytes = 100;
  expect_error(parse_jwk(jwk, small), ErrorCode::invalid_key, "limit");
}

BOOST_AUTO_TEST_CASE(thumbprint_is_independent_of_member_order_and_extras) {
  const std::string jwk = rsa_jwk();
  auto a = parse_jwk(jwk);
  auto b = parse_jwk(jwk_with(jwk_with(jwk_without(jwk, "kid"), "x5t", "\"zz\""), "kid", "\"other\""));
  BOOST_REQUIRE(a.ok());
  BOOST_REQUIRE(b.ok());
  BOOST_TEST(a->thumbprint() == b->thumbprint());
  auto c = parse_jwk(cached_test_key(Alg::PS256).public_jwk);
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(a->thumbprint() != c->thumbprint());
}

BOOST_AUTO_TEST_SUITE_END()
