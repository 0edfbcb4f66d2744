// verify_signature with freshly generated keys: every alg round-trips, and everything that
// should fail does (tampering, wrong lengths, DER for ES*, zero r/s, wrong key type, PSS salt).
#include "crypto/legacy_verify.hpp"
#include "crypto/sha2.hpp"
#include "crypto/signature.hpp"
#include "crypto/verify_templates.hpp"
#include "support/test_keys.hpp"

#include "base64url.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/err.h>
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
  return detail::verify_signature(key.data(), alg, input, bytes(sig));
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

BOOST_AUTO_TEST_CASE(the_low_level_ecdsa_call_refuses_any_size_but_two_order_lengths) {
  // legacy_ecdsa_verify checks the size itself, not only through verify_signature.
  const TestKey& k = cached_test_key(Alg::ES256);
  const Key key = key_for(k);
  BOOST_REQUIRE(key.data().legacy_ec != nullptr);
  const std::string sig = sign_raw_for_test(k, Alg::ES256, kInput);
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  const std::size_t hash_len = detail::sha2_digest(Alg::ES256, kInput, hash);
  const std::span<const unsigned char> digest(hash.data(), hash_len);
  BOOST_TEST(detail::legacy_ecdsa_verify(key.data(), digest, bytes(sig)));
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{65}, std::size_t{96}}) {
    std::string resized = sig;
    resized.resize(size, '\x01');
    BOOST_TEST(!detail::legacy_ecdsa_verify(key.data(), digest, bytes(resized)), size << " bytes");
  }
  // The same r, s after a refused call: nothing of the previous attempt is left over.
  BOOST_TEST(detail::legacy_ecdsa_verify(key.data(), digest, bytes(sig)));
  ERR_clear_error();
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

BOOST_AUTO_TEST_CASE(unprepared_key_data_still_verifies) {
  // A KeyData built without prepare_verification (the slow path) gives the same answers.
  for (Alg alg : {Alg::RS256, Alg::PS384, Alg::ES512, Alg::EdDSA, Alg::HS512}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const TestKey& k = cached_test_key(alg);
      const Key prepared = key_for(k);
      detail::KeyData bare;
      bare.type = prepared.type();
      bare.curve = std::string(prepared.curve());
      bare.alg = prepared.alg();
      bare.secret = k.secret;
      if (k.pkey) {
        EVP_PKEY_up_ref(prepared.data().pkey.get());
        bare.pkey.reset(prepared.data().pkey.get());
      }
      BOOST_TEST(!bare.verify_templates[static_cast<std::size_t>(alg)]);
      const std::string sig = sign_raw_for_test(k, alg, kInput);
      BOOST_TEST(detail::verify_signature(bare, alg, kInput, bytes(sig)));
      BOOST_TEST(!detail::verify_signature(bare, alg, "tampered", bytes(sig)));
    }
  }
}

BOOST_AUTO_TEST_CASE(templates_are_prepared_only_for_allowed_algs) {
  // RS*, PS*, ES* verify on per-thread contexts (crypto/thread_verifiers.hpp): no per-key template.
  for (Alg rsa_or_ec : {Alg::PS256, Alg::RS256, Alg::ES256}) {
    const Key bound = key_for(cached_test_key(rsa_or_ec));
    for (Alg alg : kAll)
      BOOST_TEST(!bound.data().verify_templates[static_cast<std::size_t>(alg)], alg_name(alg));
  }
  const Key unbound = unbound_rsa_key();
  for (Alg alg : kAll) BOOST_TEST(!unbound.data().verify_templates[static_cast<std::size_t>(alg)], alg_name(alg));
  const Key ed = key_for(cached_test_key(Alg::EdDSA));  // EdDSA stays one-shot on a copied template
  for (Alg alg : kAll)
    BOOST_TEST(static_cast<bool>(ed.data().verify_templates[static_cast<std::size_t>(alg)]) == (alg == Alg::EdDSA),
               alg_name(alg));
  const Key hs384_key = key_for(cached_test_key(Alg::HS384));  // HMAC: pad states for its one alg
  const auto& hs384 = hs384_key.data();
  BOOST_TEST_REQUIRE(static_cast<bool>(hs384.hmac_pads));
  BOOST_TEST((hs384.hmac_pads->alg() == Alg::HS384));
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
    // Prepared: the key's own pad states for its alg.
    detail::KeyData prepared;
    prepared.type = KeyType::oct;
    prepared.alg = alg;
    prepared.secret = secret;
    detail::prepare_verification(prepared);
    BOOST_TEST_REQUIRE(static_cast<bool>(prepared.hmac_pads), alg_name(alg));
    // Unprepared (never sealed): the pad states are computed for this call only.
    detail::KeyData unprepared;
    unprepared.type = KeyType::oct;
    unprepared.alg = alg;
    unprepared.secret = secret;
    BOOST_TEST(!unprepared.hmac_pads);
    for (const detail::KeyData* key : {&prepared, &unprepared}) {
      BOOST_TEST(detail::verify_signature(*key, alg, message, bytes(tag)), alg_name(alg) << (key == &prepared ? " prepared" : " unprepared"));
      tag.back() = static_cast<char>(tag.back() ^ 1);
      BOOST_TEST(!detail::verify_signature(*key, alg, message, bytes(tag)), alg_name(alg) << " one bit flipped");
      tag.back() = static_cast<char>(tag.back() ^ 1);
      BOOST_TEST(!detail::verify_signature(*key, alg, message.substr(1), bytes(tag)), alg_name(alg) << " other message");
      BOOST_TEST(!detail::verify_signature(*key, alg, message, bytes(tag).first(tag.size() - 1)),
                 alg_name(alg) << " truncated tag");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
