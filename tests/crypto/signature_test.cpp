// KeyVerifier (through verify_signature_once) with freshly generated keys: every alg round-trips, and everything that
// should fail does (tampering, wrong lengths, DER for ES*, zero r/s, wrong key type, PSS salt).
#include "keys/key_data.hpp"
#include "crypto/key_verifier.hpp"
#include "crypto/openssl_algorithms.hpp"
#include "support/test_keys.hpp"

#include "base64url.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/err.h>
#include <openssl/provider.h>
#include <openssl/rsa.h>

#include <span>

using namespace jwtcheck;
using jwtcheck::test::cached_test_key;
using jwtcheck::test::sign_raw_for_test;
using jwtcheck::test::TestKey;

namespace {

constexpr std::string_view kInput = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjbGllbnRAY2xpZW50cyJ9";
constexpr Alg kAll[] = {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384, Alg::PS512, Alg::ES256,
                        Alg::ES384, Alg::ES512, Alg::EdDSA, Alg::HS256, Alg::HS384, Alg::HS512};

std::span<const unsigned char> bytes(const std::string& s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

Key key_for(const TestKey& k) {
  auto key = is_hmac(k.alg) ? hmac_key(k.secret, k.alg, k.kid) : parse_jwk(k.public_jwk);
  if (!key) BOOST_FAIL("test key did not parse: " << key.error().message);
  return *key;
}

bool verify(const Key& key, Alg alg, std::string_view input, const std::string& sig) {
  return detail::verify_signature_once(detail::key_data(key), alg, input, bytes(sig));
}

// An RSA key without a JWK alg binding (so one key can be tried with every RS/PS alg).
Key unbound_rsa_key() {
  auto key = parse_pem_public_key(cached_test_key(Alg::RS256).public_pem);
  BOOST_REQUIRE(key.ok());
  return *key;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(signature)

BOOST_AUTO_TEST_CASE(every_alg_round_trips_and_rejects_tampering) {
  for (Alg alg : kAll) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const TestKey& k = cached_test_key(alg);
      const Key key = key_for(k);
      BOOST_TEST(key.can_verify(alg));
      const std::string sig = sign_raw_for_test(k, alg, kInput);
      BOOST_TEST(verify(key, alg, kInput, sig));
      BOOST_TEST(!verify(key, alg, std::string(kInput) + "x", sig));            // tampered input
      BOOST_TEST(!verify(key, alg, kInput.substr(1), sig));
      std::string flipped = sig;
      flipped[flipped.size() / 2] ^= 0x01;
      BOOST_TEST(!verify(key, alg, kInput, flipped));                           // tampered signature
      BOOST_TEST(!verify(key, alg, kInput, ""));                                // empty
      BOOST_TEST(!verify(key, alg, kInput, sig.substr(0, sig.size() - 1)));     // one byte short
      BOOST_TEST(!verify(key, alg, kInput, sig + '\0'));                        // one byte long
      BOOST_TEST(!verify(key, alg, kInput, std::string(sig.size(), '\0')));     // all zero
      BOOST_TEST(ERR_peek_error() == 0UL);
    }
  }
}

BOOST_AUTO_TEST_CASE(ed448_round_trips) {
  const TestKey k = jwtcheck::test::generate_test_key(Alg::EdDSA, "ed448", 2048, true);
  const Key key = key_for(k);
  BOOST_TEST(key.curve() == "Ed448");
  const std::string sig = sign_raw_for_test(k, Alg::EdDSA, kInput);
  BOOST_TEST(sig.size() == 114U);
  BOOST_TEST(verify(key, Alg::EdDSA, kInput, sig));
  BOOST_TEST(!verify(key, Alg::EdDSA, "other", sig));
}

BOOST_AUTO_TEST_CASE(ecdsa_der_signature_is_refused) {
  const TestKey& k = cached_test_key(Alg::ES256);
  const Key key = key_for(k);
  // A DER signature straight from OpenSSL: valid ECDSA, but not the JWS encoding.
  detail::MdCtxPtr ctx(EVP_MD_CTX_new());
  BOOST_REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, k.pkey.get()) == 1);
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(kInput.data());
  BOOST_REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &len, in, kInput.size()) == 1);
  std::string der(len, '\0');
  BOOST_REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len, in, kInput.size()) == 1);
  der.resize(len);
  BOOST_TEST(!verify(key, Alg::ES256, kInput, der));
}

BOOST_AUTO_TEST_CASE(ecdsa_zero_and_out_of_range_values_fail) {
  const Key key = key_for(cached_test_key(Alg::ES256));
  const std::string order = jwtcheck::test::bytes_from_hex(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");  // P-256 group order n
  std::string one(32, '\0');
  one.back() = 1;
  BOOST_TEST(!verify(key, Alg::ES256, kInput, std::string(64, '\0')));  // r = s = 0 ("psychic signature")
  BOOST_TEST(!verify(key, Alg::ES256, kInput, std::string(32, '\0') + one));
  BOOST_TEST(!verify(key, Alg::ES256, kInput, one + std::string(32, '\0')));
  BOOST_TEST(!verify(key, Alg::ES256, kInput, order + one));  // r = n
  BOOST_TEST(!verify(key, Alg::ES256, kInput, one + order));  // s = n
  BOOST_TEST(!verify(key, Alg::ES256, kInput, std::string(64, '\xff')));  // r, s > n
  BOOST_TEST(ERR_peek_error() == 0UL);
}

BOOST_AUTO_TEST_CASE(pss_with_another_salt_length_fails) {
  const TestKey& k = cached_test_key(Alg::PS256);
  const Key key = key_for(k);
  for (int salt : {0, 20, 64}) {
    detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    BOOST_REQUIRE(EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, k.pkey.get()) == 1);
    BOOST_REQUIRE(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1);
    BOOST_REQUIRE(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt) == 1);
    std::size_t len = 512;
    std::string sig(len, '\0');
    BOOST_REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                                 reinterpret_cast<const unsigned char*>(kInput.data()), kInput.size()) == 1);
    sig.resize(len);
    BOOST_TEST(!verify(key, Alg::PS256, kInput, sig), "salt length " << salt);
  }
}

BOOST_AUTO_TEST_CASE(rsa_schemes_and_hashes_do_not_cross) {
  const Key key = unbound_rsa_key();
  const TestKey& k = cached_test_key(Alg::RS256);
  for (Alg signed_with : {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384, Alg::PS512}) {
    const std::string sig = sign_raw_for_test(k, signed_with, kInput);
    for (Alg verified_as : {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384, Alg::PS512})
      BOOST_TEST(verify(key, verified_as, kInput, sig) == (signed_with == verified_as),
                 alg_name(signed_with) << " verified as " << alg_name(verified_as));
  }
}

BOOST_AUTO_TEST_CASE(key_type_must_fit_the_alg) {
  const Key rsa = unbound_rsa_key();
  const Key p256 = key_for(cached_test_key(Alg::ES256));
  const Key p384 = key_for(cached_test_key(Alg::ES384));
  const Key ed = key_for(cached_test_key(Alg::EdDSA));
  const Key hs = key_for(cached_test_key(Alg::HS256));
  const std::string es256 = sign_raw_for_test(cached_test_key(Alg::ES256), Alg::ES256, kInput);
  BOOST_TEST(!verify(rsa, Alg::ES256, kInput, es256));
  BOOST_TEST(!verify(p384, Alg::ES256, kInput, es256));
  BOOST_TEST(!verify(p256, Alg::ES384, kInput, es256));
  BOOST_TEST(!verify(ed, Alg::ES256, kInput, es256));
  BOOST_TEST(!verify(hs, Alg::ES256, kInput, es256));
  for (Alg alg : kAll) {
    BOOST_TEST(rsa.can_verify(alg) == (alg <= Alg::PS512), alg_name(alg));
    BOOST_TEST(p256.can_verify(alg) == (alg == Alg::ES256), alg_name(alg));
    BOOST_TEST(ed.can_verify(alg) == (alg == Alg::EdDSA), alg_name(alg));
    BOOST_TEST(hs.can_verify(alg) == (alg == Alg::HS256), alg_name(alg));
  }
  // An HS256 key verifies HS256 only, even with an HS384 tag made from the same secret.
  const TestKey& hk = cached_test_key(Alg::HS256);
  TestKey as384{Alg::HS384, hk.kid, nullptr, {}, {}, {}, hk.secret};
  BOOST_TEST(!verify(hs, Alg::HS384, kInput, sign_raw_for_test(as384, Alg::HS384, kInput)));
}

BOOST_AUTO_TEST_CASE(rsa_public_key_as_hmac_secret_never_confuses_rs256) {
  // The classic RS/HS confusion: an attacker signs HS256 with the server's public key bytes.
  const TestKey& k = cached_test_key(Alg::RS256);
  const Key rsa = key_for(k);
  for (const std::string& secret : {k.public_pem, k.public_jwk}) {
    TestKey attacker{Alg::HS256, "x", nullptr, {}, {}, {}, secret};
    const std::string forged = sign_raw_for_test(attacker, Alg::HS256, kInput);
    BOOST_TEST(!rsa.can_verify(Alg::HS256));
    BOOST_TEST(!verify(rsa, Alg::HS256, kInput, forged));
    BOOST_TEST(!verify(rsa, Alg::RS256, kInput, forged));
    // Even when a caller wrongly hands the PEM to hmac_key, that key is an HS256 key only.
    auto confused = hmac_key(secret, Alg::HS256);
    BOOST_REQUIRE(confused.ok());
    BOOST_TEST(!confused->can_verify(Alg::RS256));
    BOOST_TEST(!verify(*confused, Alg::RS256, kInput, sign_raw_for_test(k, Alg::RS256, kInput)));
  }
}

BOOST_AUTO_TEST_CASE(jwk_binding_limits_verification) {
  const TestKey& k = cached_test_key(Alg::RS256);  // its JWK says alg RS256
  const Key bound = key_for(k);
  const std::string rs384 = sign_raw_for_test(k, Alg::RS384, kInput);
  BOOST_TEST(verify(unbound_rsa_key(), Alg::RS384, kInput, rs384));
  BOOST_TEST(!bound.can_verify(Alg::RS384));
  BOOST_TEST(!verify(bound, Alg::RS384, kInput, rs384));
  std::string enc_jwk = k.public_jwk;
  enc_jwk.replace(enc_jwk.find("\"use\":\"sig\""), 11, "\"use\":\"enc\"");
  auto enc = parse_jwk(enc_jwk);
  BOOST_REQUIRE(enc.ok());
  BOOST_TEST(!verify(*enc, Alg::RS256, kInput, sign_raw_for_test(k, Alg::RS256, kInput)));
}

BOOST_AUTO_TEST_CASE(hmac_keys_longer_than_a_block_are_hashed_first_on_both_paths) {
  // RFC 4231 test case 6: a 131-byte key, longer than both block sizes (64 and 128 bytes).
  const std::string secret(131, '\xaa');
  const std::string message = "Test Using Larger Than Block-Size Key - Hash Key First";
  const std::pair<Alg, const char*> tags[] = {
      {Alg::HS256, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {Alg::HS384, "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"},
      {Alg::HS512,
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b"
       "915a985d786598"},
  };
  for (const auto& [alg, hex] : tags) {
    std::string tag = jwtcheck::test::bytes_from_hex(hex);
    detail::KeyData key;
    key.type = KeyType::oct;
    key.alg = alg;
    key.secret = secret;
    BOOST_TEST(detail::verify_signature_once(key, alg, message, bytes(tag)), alg_name(alg));
    tag.back() = static_cast<char>(tag.back() ^ 1);
    BOOST_TEST(!detail::verify_signature_once(key, alg, message, bytes(tag)), alg_name(alg) << " one bit flipped");
    tag.back() = static_cast<char>(tag.back() ^ 1);
    BOOST_TEST(!detail::verify_signature_once(key, alg, message.substr(1), bytes(tag)), alg_name(alg) << " other message");
    BOOST_TEST(!detail::verify_signature_once(key, alg, message, bytes(tag).first(tag.size() - 1)),
               alg_name(alg) << " truncated tag");
  }
}

// The algorithms come from the library context and property query the caller names: a query no
// provider satisfies fails when the algorithms are fetched, never later and never as a pass.
BOOST_AUTO_TEST_CASE(algorithms_come_from_the_named_library_context) {
  const TestKey& k = cached_test_key(Alg::RS256);
  const Key key = key_for(k);
  const std::string sig = sign_raw_for_test(k, Alg::RS256, kInput);
  const Alg rs256[] = {Alg::RS256};

  // A context of its own with OpenSSL's default provider: verifies as the default context does.
  std::unique_ptr<OSSL_LIB_CTX, decltype(&OSSL_LIB_CTX_free)> own(OSSL_LIB_CTX_new(), OSSL_LIB_CTX_free);
  BOOST_REQUIRE(own);
  OSSL_PROVIDER* provider = OSSL_PROVIDER_load(own.get(), "default");
  BOOST_REQUIRE(provider != nullptr);
  auto fetched = detail::OpensslAlgorithms::fetch(own.get(), "provider=default", rs256);
  BOOST_REQUIRE(fetched.ok());
  BOOST_TEST((*fetched)->libctx() == own.get());
  BOOST_TEST(detail::verify_signature_once(detail::key_data(key), Alg::RS256, kInput, bytes(sig), **fetched));
  BOOST_TEST(!detail::verify_signature_once(detail::key_data(key), Alg::RS256, "tampered", bytes(sig), **fetched));
  // Only RS256 was fetched: nothing else can be prepared with these algorithms.
  BOOST_TEST(!detail::KeyVerifier::create(detail::key_data(key), Alg::PS256, **fetched).ok());

  // A query that no loaded provider satisfies is refused at fetch time, naming the query.
  auto fips = detail::OpensslAlgorithms::fetch(own.get(), "fips=yes", rs256);
  BOOST_REQUIRE(!fips.ok());
  BOOST_TEST((fips.error().code == ErrorCode::invalid_policy));
  BOOST_TEST(fips.error().message.find("fips=yes") != std::string::npos);

  // A context holding only the null provider offers nothing at all.
  std::unique_ptr<OSSL_LIB_CTX, decltype(&OSSL_LIB_CTX_free)> empty(OSSL_LIB_CTX_new(), OSSL_LIB_CTX_free);
  OSSL_PROVIDER* null_provider = OSSL_PROVIDER_load(empty.get(), "null");
  BOOST_REQUIRE(null_provider != nullptr);
  for (Alg alg : kAll) {
    const Alg one[] = {alg};
    auto none = detail::OpensslAlgorithms::fetch(empty.get(), {}, one);
    BOOST_TEST(!none.ok(), alg_name(alg));
  }
  BOOST_TEST(ERR_peek_error() == 0UL);
  OSSL_PROVIDER_unload(null_provider);
  OSSL_PROVIDER_unload(provider);
}

BOOST_AUTO_TEST_SUITE_END()
