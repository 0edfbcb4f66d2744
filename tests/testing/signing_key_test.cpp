// SigningKey: key generation per alg, public JWK/PEM export, signature shapes, sign_as for
// attack tokens, and agreement with the library's own verifier.
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "keys/key_data.hpp"
#include "base64url.hpp"
#include "crypto/key_verifier.hpp"
#include "openssl_handles.hpp"
#include "testing/testing_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <rapidjson/document.h>

#include <thread>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::testing;
using jwtcheck::testing::test::test_key;

namespace {

struct AlgShape {
  Alg alg;
  std::size_t signature_bytes;
  const char* kty;
  const char* crv;  // nullptr when none
};

std::ostream& operator<<(std::ostream& os, const AlgShape& s) { return os << alg_name(s.alg); }

const std::vector<AlgShape> kShapes{
    {Alg::RS256, 256, "RSA", nullptr}, {Alg::RS384, 256, "RSA", nullptr}, {Alg::RS512, 256, "RSA", nullptr},
    {Alg::PS256, 256, "RSA", nullptr}, {Alg::PS384, 256, "RSA", nullptr}, {Alg::PS512, 256, "RSA", nullptr},
    {Alg::ES256, 64, "EC", "P-256"},   {Alg::ES384, 96, "EC", "P-384"},   {Alg::ES512, 132, "EC", "P-521"},
    {Alg::EdDSA, 64, "OKP", "Ed25519"}, {Alg::HS256, 32, "oct", nullptr}, {Alg::HS384, 48, "oct", nullptr},
    {Alg::HS512, 64, "oct", nullptr},
};

rapidjson::Document parse_object(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(), "not a JSON object: " << json);
  return doc;
}

std::string member(const rapidjson::Document& doc, const char* name) {
  BOOST_REQUIRE_MESSAGE(doc.HasMember(name) && doc[name].IsString(), "missing string member " << name);
  return doc[name].GetString();
}

std::size_t decoded_size(const rapidjson::Document& doc, const char* name) {
  auto bytes = jwtcheck::detail::base64url_decode(member(doc, name));
  BOOST_REQUIRE_MESSAGE(bytes.has_value(), name << " is not strict base64url");
  return bytes->size();
}

bool library_verifies(const SigningKey& key, Alg alg, std::string_view input, const std::string& signature) {
  auto verification = key.verification_key();
  BOOST_REQUIRE_MESSAGE(verification.ok(), (verification.ok() ? std::string() : verification.error().message));
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  return jwtcheck::detail::verify_signature_once(jwtcheck::detail::key_data(*verification), alg, input, {bytes, signature.size()});
}

std::string secp256k1_private_pem() {
  jwtcheck::detail::PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp256k1"));
  BOOST_REQUIRE(pkey);
  jwtcheck::detail::BioPtr bio(BIO_new(BIO_s_mem()));
  BOOST_REQUIRE(PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(signing_key)

BOOST_DATA_TEST_CASE(generates_a_key_whose_signatures_have_the_jws_shape, boost::unit_test::data::make(kShapes), shape) {
  const auto key = std::make_optional(test_key(shape.alg, "kid-1"));
  BOOST_TEST(key->alg() == shape.alg);
  BOOST_TEST(key->kid() == "kid-1");
  BOOST_TEST(key->sign("header.claims").size() == shape.signature_bytes);
  BOOST_TEST(key->public_pem().empty() == is_hmac(shape.alg));
  BOOST_TEST(key->private_pem().empty() == is_hmac(shape.alg));
  BOOST_TEST(key->hmac_secret().size() == (is_hmac(shape.alg) ? shape.signature_bytes : 0));
}

BOOST_DATA_TEST_CASE(public_jwk_has_the_members_rfc7518_requires, boost::unit_test::data::make(kShapes), shape) {
  const auto key = std::make_optional(test_key(shape.alg, "k\"1"));
  const auto jwk = parse_object(key->public_jwk_json());
  BOOST_TEST(member(jwk, "kty") == shape.kty);
  BOOST_TEST(member(jwk, "kid") == "k\"1");  // escaped correctly on the way out
  BOOST_TEST(member(jwk, "alg") == alg_name(shape.alg));
  BOOST_TEST(member(jwk, "use") == "sig");
  BOOST_TEST(!jwk.HasMember("d"));  // never the private part
  if (shape.crv) BOOST_TEST(member(jwk, "crv") == shape.crv);
  const std::string kty = shape.kty;
  if (kty == "RSA") {
    BOOST_TEST(decoded_size(jwk, "n") == 256u);
    BOOST_TEST(member(jwk, "e") == "AQAB");
  } else if (kty == "EC") {
    BOOST_TEST(decoded_size(jwk, "x") == shape.signature_bytes / 2);  // coordinates padded to the field size
    BOOST_TEST(decoded_size(jwk, "y") == shape.signature_bytes / 2);
  } else if (kty == "OKP") {
    BOOST_TEST(decoded_size(jwk, "x") == 32u);
  } else {
    BOOST_TEST(*jwtcheck::detail::base64url_decode(member(jwk, "k")) == std::string(key->hmac_secret()));
  }
}

BOOST_DATA_TEST_CASE(the_librarys_verifier_accepts_its_signatures, boost::unit_test::data::make(kShapes), shape) {
  const auto key = std::make_optional(test_key(shape.alg, "v"));
  const std::string signature = key->sign("eyJhbGciOi.eyJzdWIiOi");
  BOOST_TEST(library_verifies(*key, shape.alg, "eyJhbGciOi.eyJzdWIiOi", signature));
  BOOST_TEST(!library_verifies(*key, shape.alg, "eyJhbGciOi.eyJzdWIiOj", signature));
}

BOOST_AUTO_TEST_CASE(ed448_keys_sign_eddsa_with_114_byte_signatures) {
  auto key = SigningKey::generate_ed448("ed448");
  BOOST_REQUIRE(key.ok());
  BOOST_TEST(key->alg() == Alg::EdDSA);
  const auto jwk = parse_object(key->public_jwk_json());
  BOOST_TEST(member(jwk, "crv") == "Ed448");
  BOOST_TEST(decoded_size(jwk, "x") == 57u);
  const std::string signature = key->sign("a.b");
  BOOST_TEST(signature.size() == 114u);
  BOOST_TEST(library_verifies(*key, Alg::EdDSA, "a.b", signature));
}

BOOST_AUTO_TEST_CASE(rsa_size_is_chosen_and_bounded) {
  auto small = SigningKey::generate(Alg::PS384, "", 1024);
  BOOST_REQUIRE(small.ok());
  BOOST_TEST(small->sign("x").size() == 128u);
  BOOST_TEST(small->kid().empty());
  BOOST_TEST(!parse_object(small->public_jwk_json()).HasMember("kid"));
  auto tiny = SigningKey::generate(Alg::RS256, "", 256);
  BOOST_REQUIRE(!tiny.ok());
  BOOST_TEST(tiny.error().code == ErrorCode::invalid_key);
  BOOST_TEST(tiny.error().message.find("256") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(weak_rsa_keys_can_be_made_and_the_library_refuses_them) {
  auto weak = SigningKey::generate(Alg::RS256, "weak", 1024);
  BOOST_REQUIRE(weak.ok());
  auto verification = weak->verification_key();
  BOOST_REQUIRE(!verification.ok());
  BOOST_TEST(verification.error().code == ErrorCode::weak_key);
}

BOOST_AUTO_TEST_CASE(deterministic_algs_repeat_and_randomised_ones_do_not) {
  for (Alg alg : {Alg::RS256, Alg::EdDSA, Alg::HS256}) {
    const SigningKey key = test_key(alg);
    BOOST_TEST(key.sign("same") == key.sign("same"), alg_name(alg));
  }
  for (Alg alg : {Alg::PS256, Alg::ES256}) {
    const SigningKey key = test_key(alg);
    BOOST_TEST(key.sign("same") != key.sign("same"), alg_name(alg));
  }
}

BOOST_AUTO_TEST_CASE(sign_as_another_family_of_the_same_key_type) {
  const auto rsa = std::make_optional(test_key(Alg::RS256, "r"));
  const std::string pss = rsa->sign_as(Alg::PS512, "in");
  BOOST_TEST(pss.size() == 256u);
  // The key's JWK binds it to RS256, so the library refuses the PS512 use...
  BOOST_TEST(!library_verifies(*rsa, Alg::PS512, "in", pss));
  // ...but the signature itself is a real PS512 one under the same public key.
  auto unbound = parse_pem_public_key(rsa->public_pem());
  BOOST_REQUIRE(unbound.ok());
  const auto* bytes = reinterpret_cast<const unsigned char*>(pss.data());
  BOOST_TEST(jwtcheck::detail::verify_signature_once(jwtcheck::detail::key_data(*unbound), Alg::PS512, "in", {bytes, pss.size()}));
}

BOOST_AUTO_TEST_CASE(sign_as_is_empty_when_the_key_cannot_make_that_alg) {
  const auto rsa = std::make_optional(test_key(Alg::RS256));
  const auto ec = std::make_optional(test_key(Alg::ES256));
  const auto hs = std::make_optional(test_key(Alg::HS256));
  BOOST_TEST(rsa->sign_as(Alg::ES256, "x").empty());
  BOOST_TEST(rsa->sign_as(Alg::EdDSA, "x").empty());
  BOOST_TEST(ec->sign_as(Alg::RS256, "x").empty());
  BOOST_TEST(hs->sign_as(Alg::RS256, "x").empty());
  BOOST_TEST(hs->sign_as(Alg::HS512, "x").size() == 64u);  // another hash over the same secret
  BOOST_TEST(ec->sign_as(Alg::ES384, "x").size() == 64u);  // width follows the P-256 key
}

BOOST_AUTO_TEST_CASE(hs_on_an_asymmetric_key_uses_the_public_pem_as_secret) {
  const auto rsa = std::make_optional(test_key(Alg::RS256));
  const std::string pem = rsa->public_pem();
  unsigned char expected[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), pem.data(), static_cast<int>(pem.size()), reinterpret_cast<const unsigned char*>("h.c"), 3,
       expected, &length);
  BOOST_TEST(rsa->sign_as(Alg::HS256, "h.c") == std::string(reinterpret_cast<const char*>(expected), length));
}

BOOST_AUTO_TEST_CASE(hmac_secrets_can_be_given_and_are_checked) {
  auto short_key = SigningKey::from_hmac_secret(Alg::HS256, "short", "s");
  BOOST_REQUIRE(short_key.ok());
  BOOST_TEST(short_key->hmac_secret() == "short");
  auto refused = short_key->verification_key();
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::weak_key);

  auto not_hmac = SigningKey::from_hmac_secret(Alg::RS256, std::string(32, 'x'));
  BOOST_REQUIRE(!not_hmac.ok());
  BOOST_TEST(not_hmac.error().code == ErrorCode::invalid_key);
  auto empty = SigningKey::from_hmac_secret(Alg::HS256, "");
  BOOST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error().code == ErrorCode::invalid_key);

  auto good = SigningKey::from_hmac_secret(Alg::HS384, std::string(48, 'k'), "g");
  BOOST_REQUIRE(good.ok());
  auto verification = good->verification_key();
  BOOST_REQUIRE(verification.ok());
  BOOST_TEST(verification->type() == KeyType::oct);
  BOOST_TEST(verification->kid() == "g");
}

BOOST_AUTO_TEST_CASE(verification_key_matches_kid_alg_and_thumbprint) {
  auto key = SigningKey::generate(Alg::ES384, "ec-kid");
  BOOST_REQUIRE(key.ok());
  auto verification = key->verification_key();
  BOOST_REQUIRE(verification.ok());
  BOOST_TEST(verification->kid() == "ec-kid");
  BOOST_TEST(verification->curve() == "P-384");
  BOOST_TEST(verification->can_verify(Alg::ES384));
  BOOST_TEST(!verification->can_verify(Alg::ES256));
  auto from_pem = parse_pem_public_key(key->public_pem(), "ec-kid");
  BOOST_REQUIRE(from_pem.ok());
  BOOST_TEST(from_pem->thumbprint() == verification->thumbprint());  // JWK and PEM export the same key
}

BOOST_AUTO_TEST_CASE(private_pem_round_trips_and_is_checked_against_the_alg) {
  const SigningKey ec = test_key(Alg::ES384, "e");
  auto loaded = SigningKey::from_private_pem(ec.private_pem(), Alg::ES384, "e");
  BOOST_REQUIRE(loaded.ok());
  BOOST_TEST(loaded->public_jwk_json() == ec.public_jwk_json());
  for (Alg wrong : {Alg::ES256, Alg::ES512, Alg::RS256, Alg::EdDSA, Alg::HS384}) {
    auto refused = SigningKey::from_private_pem(ec.private_pem(), wrong);
    BOOST_REQUIRE_MESSAGE(!refused.ok(), alg_name(wrong));
    BOOST_TEST(refused.error().code == ErrorCode::key_mismatch);
  }
  auto secp256k1 = SigningKey::from_private_pem(secp256k1_private_pem(), Alg::ES256);
  BOOST_REQUIRE(!secp256k1.ok());  // 256 bits, but not P-256
  BOOST_TEST(secp256k1.error().code == ErrorCode::key_mismatch);
  auto garbage = SigningKey::from_private_pem("not a pem", Alg::RS256);
  BOOST_REQUIRE(!garbage.ok());
  BOOST_TEST(garbage.error().code == ErrorCode::invalid_key);
  auto public_only = SigningKey::from_private_pem(ec.public_pem(), Alg::ES384);
  BOOST_REQUIRE(!public_only.ok());
  BOOST_TEST(public_only.error().code == ErrorCode::invalid_key);
}

BOOST_AUTO_TEST_CASE(copies_share_the_key) {
  auto key = SigningKey::generate(Alg::EdDSA, "shared");
  BOOST_REQUIRE(key.ok());
  const SigningKey copy = *key;
  BOOST_TEST(copy.public_pem() == key->public_pem());
  BOOST_TEST(copy.sign("m") == key->sign("m"));  // Ed25519 is deterministic
}

BOOST_AUTO_TEST_CASE(jwks_lists_the_keys_in_order_without_private_parts) {
  const auto a = std::make_optional(test_key(Alg::RS256, "a"));
  const auto b = std::make_optional(test_key(Alg::ES256, "b"));
  const std::vector<SigningKey> keys{*a, *b};
  const auto jwks = parse_object(jwks_json(keys));
  BOOST_REQUIRE(jwks["keys"].IsArray());
  BOOST_REQUIRE(jwks["keys"].Size() == 2u);
  BOOST_TEST(std::string(jwks["keys"][0]["kid"].GetString()) == "a");
  BOOST_TEST(std::string(jwks["keys"][1]["kid"].GetString()) == "b");
  BOOST_TEST(!jwks["keys"][0].HasMember("d"));
  auto parsed = parse_jwks(jwks_json(keys));
  BOOST_REQUIRE(parsed.ok());
  BOOST_TEST(parsed->keys.size() == 2u);
  BOOST_TEST(parsed->skipped.empty());
  BOOST_TEST(jwks_json({}) == R"({"keys":[]})");
}

BOOST_AUTO_TEST_CASE(signing_from_many_threads_at_once_gives_valid_signatures) {
  auto key = SigningKey::generate(Alg::ES256, "mt");
  BOOST_REQUIRE(key.ok());
  std::vector<std::string> signatures(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < signatures.size(); ++i)
    threads.emplace_back([&, i] {
      for (int n = 0; n < 20; ++n) signatures[i] = key->sign("input-" + std::to_string(i));
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < signatures.size(); ++i)
    BOOST_TEST(library_verifies(*key, Alg::ES256, "input-" + std::to_string(i), signatures[i]));
}

BOOST_AUTO_TEST_SUITE_END()
