// mint_token and Auth0Claims: token shape, header knobs for attack tests, and every alg checked
// by an independent implementation (PyJWT on Debian's python3).
#include <jwtcheck/testing/mint.hpp>

#include "testing/testing_support.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <ctime>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::testing;
using jwtcheck::testing::test::run_python_script;
using jwtcheck::testing::test::test_key;
using jwtcheck::testing::test::token_segment;

namespace {

const std::vector<Alg> kAllAlgs{Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384,
                                Alg::PS512, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA,
                                Alg::HS256, Alg::HS384, Alg::HS512};

rapidjson::Document parse_object(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(), "not a JSON object: " << json);
  return doc;
}

Auth0Claims sample_claims() {
  Auth0Claims claims;
  claims.issuer = "https://tenant.example/";
  claims.client_id = "client-1";
  claims.audiences = {"https://api.example"};
  claims.scope = "read:reports";
  return claims;
}

std::string mint_ok(const SigningKey& key, std::string_view claims, const MintOptions& options = {}) {
  auto token = mint_token(key, claims, options);
  BOOST_REQUIRE_MESSAGE(token.ok(), (token.ok() ? std::string() : token.error().message));
  return *token;
}

// PyJWT verifies `token` with the key given as `kind` ("pem", "jwk" or "secret").
jwtcheck::testing::test::ProcessResult pyjwt_verify(const std::string& token, const SigningKey& key,
                                                    const std::string& kind, const std::string& audience) {
  jwtcheck::testing::test::TempDir dir;
  const std::string content = kind == "pem"   ? key.public_pem()
                              : kind == "jwk" ? key.public_jwk_json()
                                              : std::string(key.hmac_secret());
  const std::string file = dir.write("key", content);
  return run_python_script("pyjwt_verify.py", {token, std::string(alg_name(key.alg())), kind, file, audience});
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &length);
  return std::string(reinterpret_cast<const char*>(out), length);
}

std::string signing_input(const std::string& token) { return token.substr(0, token.rfind('.')); }

}  // namespace

BOOST_AUTO_TEST_SUITE(mint)

BOOST_DATA_TEST_CASE(pyjwt_verifies_every_alg_with_the_public_key, boost::unit_test::data::make(kAllAlgs), alg) {
  const SigningKey key = test_key(alg, "kid-" + std::string(alg_name(alg)));
  const std::string token = mint_ok(key, sample_claims().to_json());
  const auto by_key = pyjwt_verify(token, key, is_hmac(alg) ? "secret" : "pem", "https://api.example");
  BOOST_TEST(by_key.exit_code == 0, by_key.output);
  const auto by_jwk = pyjwt_verify(token, key, "jwk", "https://api.example");
  BOOST_TEST(by_jwk.exit_code == 0, by_jwk.output);
  const auto seen = parse_object(by_jwk.output);
  BOOST_TEST(std::string(seen["header"]["alg"].GetString()) == alg_name(alg));
  BOOST_TEST(std::string(seen["header"]["kid"].GetString()) == key.kid());
  BOOST_TEST(std::string(seen["claims"]["sub"].GetString()) == "client-1@clients");
}

BOOST_AUTO_TEST_CASE(pyjwt_verifies_ed448) {
  auto key = SigningKey::generate_ed448("ed448");
  BOOST_REQUIRE(key.ok());
  const std::string token = mint_ok(*key, sample_claims().to_json());
  for (const char* kind : {"pem", "jwk"}) {
    const auto result = pyjwt_verify(token, *key, kind, "https://api.example");
    BOOST_TEST(result.exit_code == 0, kind << ": " << result.output);
  }
}

BOOST_AUTO_TEST_CASE(pyjwt_rejects_tampered_and_foreign_tokens) {
  // Proves the harness above can fail: a flipped claims byte, another key, another audience.
  const SigningKey key = test_key(Alg::ES256, "k");
  std::string token = mint_ok(key, sample_claims().to_json());
  const auto foreign = test_key(Alg::ES256, "k");
  const auto wrong_key = pyjwt_verify(token, foreign, "pem", "https://api.example");
  BOOST_TEST(wrong_key.exit_code == 1, wrong_key.output);
  const auto wrong_audience = pyjwt_verify(token, key, "pem", "https://other.example");
  BOOST_TEST(wrong_audience.exit_code == 1, wrong_audience.output);
  token[token.find('.') + 5] ^= 1;
  const auto tampered = pyjwt_verify(token, key, "pem", "https://api.example");
  BOOST_TEST(tampered.exit_code == 1, tampered.output);
}

BOOST_AUTO_TEST_CASE(default_header_is_alg_typ_kid_in_auth0_order) {
  const SigningKey key = test_key(Alg::ES256, "the-kid");
  const std::string token = mint_ok(key, "{}");
  BOOST_TEST(token_segment(token, 0) == R"({"alg":"ES256","typ":"JWT","kid":"the-kid"})");
  BOOST_TEST(token_segment(token, 1) == "{}");
  BOOST_TEST(token_segment(token, 2).size() == 64u);
}

BOOST_AUTO_TEST_CASE(header_knobs_drop_kid_and_typ_and_merge_extra_members) {
  const SigningKey key = test_key(Alg::EdDSA, "k1");
  MintOptions options;
  options.include_kid = false;
  options.typ.clear();
  BOOST_TEST(token_segment(mint_ok(key, "{}", options), 0) == R"({"alg":"EdDSA"})");

  MintOptions extra;
  extra.typ = "at+jwt";
  extra.extra_header_json = R"({"jku":"https://evil.example/jwks","kid":"other","crit":["exp"]})";
  BOOST_TEST(token_segment(mint_ok(key, "{}", extra), 0) ==
             R"({"alg":"EdDSA","typ":"at+jwt","kid":"other","jku":"https://evil.example/jwks","crit":["exp"]})");
}

BOOST_AUTO_TEST_CASE(a_bad_extra_header_is_an_error_not_a_token) {
  const SigningKey key = test_key(Alg::ES256);
  for (const char* bad : {"[1]", "{\"a\":", "\"str\"", "{} {}"}) {
    MintOptions options;
    options.extra_header_json = bad;
    auto token = mint_token(key, "{}", options);
    BOOST_REQUIRE_MESSAGE(!token.ok(), bad);
    BOOST_TEST(token.error().code == ErrorCode::invalid_json);
  }
}

BOOST_AUTO_TEST_CASE(alg_none_with_an_empty_signature) {
  const SigningKey key = test_key(Alg::RS256, "r");
  MintOptions options;
  options.alg_header = "none";
  options.empty_signature = true;
  const std::string token = mint_ok(key, R"({"sub":"x"})", options);
  BOOST_TEST(token.back() == '.');
  BOOST_TEST(token_segment(token, 0) == R"({"alg":"none","typ":"JWT","kid":"r"})");
}

BOOST_AUTO_TEST_CASE(an_unknown_header_alg_keeps_the_keys_own_signature) {
  const SigningKey key = test_key(Alg::EdDSA);
  MintOptions options;
  options.alg_header = "RS1";
  const std::string token = mint_ok(key, "{}", options);
  BOOST_TEST(token_segment(token, 2) == key.sign(signing_input(token)));  // Ed25519 is deterministic
}

BOOST_AUTO_TEST_CASE(hs256_header_on_an_rsa_key_is_the_key_confusion_attack) {
  const SigningKey key = test_key(Alg::RS256, "r");
  MintOptions options;
  options.alg_header = "HS256";
  const std::string token = mint_ok(key, "{}", options);
  BOOST_TEST(token_segment(token, 0).find(R"("alg":"HS256")") != std::string::npos);
  BOOST_TEST(token_segment(token, 2) == hmac_sha256(key.public_pem(), signing_input(token)));
}

BOOST_AUTO_TEST_CASE(a_header_alg_the_key_cannot_make_falls_back_to_the_keys_alg) {
  const SigningKey key = test_key(Alg::RS256);
  MintOptions options;
  options.alg_header = "ES256";
  const std::string token = mint_ok(key, "{}", options);
  BOOST_TEST(token_segment(token, 2) == key.sign(signing_input(token)));  // RS256 is deterministic
}

BOOST_AUTO_TEST_CASE(claims_are_encoded_byte_for_byte) {
  const SigningKey key = test_key(Alg::HS256);
  for (std::string claims : {std::string(R"({"a":1,"a":2})"), std::string("not json"), std::string(),
                             std::string("{\"x\":\"\xff\"}")}) {
    const std::string token = mint_ok(key, claims);
    BOOST_TEST(token_segment(token, 1) == claims);
    BOOST_TEST(token_segment(token, 2) == key.sign(signing_input(token)));
  }
}

BOOST_AUTO_TEST_CASE(auth0_claims_have_auth0s_members) {
  Auth0Claims claims = sample_claims();
  claims.issued_at = 1700000000;
  claims.lifetime_seconds = 3600;
  BOOST_TEST(claims.to_json() ==
             R"({"iss":"https://tenant.example/","sub":"client-1@clients","aud":"https://api.example",)"
             R"("iat":1700000000,"exp":1700003600,"scope":"read:reports","gty":"client-credentials","azp":"client-1"})");
}

BOOST_AUTO_TEST_CASE(auth0_claims_audience_array_permissions_and_omissions) {
  Auth0Claims claims = sample_claims();
  claims.audiences = {"a", "b"};
  claims.permissions = {"read:x", "write:x"};
  claims.scope.clear();
  claims.gty.clear();
  const auto doc = parse_object(claims.to_json());
  BOOST_REQUIRE(doc["aud"].IsArray());
  BOOST_TEST(doc["aud"].Size() == 2u);
  BOOST_TEST(std::string(doc["aud"][1].GetString()) == "b");
  BOOST_REQUIRE(doc["permissions"].IsArray());
  BOOST_TEST(std::string(doc["permissions"][0].GetString()) == "read:x");
  BOOST_TEST(!doc.HasMember("scope"));
  BOOST_TEST(!doc.HasMember("gty"));

  claims.audiences.clear();
  BOOST_TEST(!parse_object(claims.to_json()).HasMember("aud"));
}

BOOST_AUTO_TEST_CASE(auth0_claims_default_iat_is_now) {
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  const auto doc = parse_object(sample_claims().to_json());
  const auto after = static_cast<std::int64_t>(std::time(nullptr));
  BOOST_TEST(doc["iat"].GetInt64() >= before);
  BOOST_TEST(doc["iat"].GetInt64() <= after);
  BOOST_TEST(doc["exp"].GetInt64() == doc["iat"].GetInt64() + 86400);
}

BOOST_AUTO_TEST_CASE(auth0_claims_extra_members_override_and_add) {
  Auth0Claims claims = sample_claims();
  claims.extra_claims_json = R"({"exp":1,"custom":{"nested":[true,null]},"iss":"https://evil/"})";
  const auto doc = parse_object(claims.to_json());
  BOOST_TEST(doc["exp"].GetInt64() == 1);
  BOOST_TEST(std::string(doc["iss"].GetString()) == "https://evil/");
  BOOST_TEST(doc["custom"]["nested"][0].GetBool());
  BOOST_TEST(doc.MemberCount() == 9u);  // 8 standard members + custom, no duplicates
}

BOOST_AUTO_TEST_CASE(auth0_claims_bad_extra_members_are_reported_by_to_json_checked) {
  Auth0Claims claims = sample_claims();
  claims.extra_claims_json = R"({"exp":)";
  auto checked = claims.to_json_checked();
  BOOST_REQUIRE(!checked.ok());
  BOOST_TEST(checked.error().code == ErrorCode::invalid_json);
  BOOST_TEST(!parse_object(claims.to_json()).HasMember("custom"));  // to_json leaves them out
  BOOST_TEST(parse_object(claims.to_json())["exp"].GetInt64() > 1);
}

BOOST_AUTO_TEST_CASE(auth0_claims_escape_strings) {
  Auth0Claims claims = sample_claims();
  claims.client_id = "we\"ird\\id\n\x01\xc3\xa9";
  const auto doc = parse_object(claims.to_json());
  BOOST_TEST(std::string(doc["azp"].GetString()) == claims.client_id);
  BOOST_TEST(std::string(doc["sub"].GetString()) == claims.client_id + "@clients");
}

BOOST_AUTO_TEST_SUITE_END()
