// Every applicable Wycheproof signature / MAC vector through verify_signature, with the keys
// loaded through jwtcheck's own parsers (JWK, or PEM where the file has no JWK).
//
// Decisions: "acceptable" vectors (only RSA PKCS#1 MissingNull here) must be refused. HMAC groups
// with a truncated tag (tagSize < hash size) are not JWS-applicable: JWS uses the full tag, so
// every one of those vectors, even the "valid" ones, must be refused. HMAC keys shorter than the
// hash are refused by hmac_key (weak_key, asserted); their vectors still run against a KeyData
// built directly, so the MAC code sees every vector.
#include "keys/key_data.hpp"
#include "crypto/key_verifier.hpp"
#include "crypto/wycheproof_file.hpp"
#include "support/test_keys.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/err.h>

#include <map>
#include <span>

using namespace jwtcheck;
using jwtcheck::test::bytes_from_hex;
using jwtcheck::test::json_text;
using jwtcheck::test::load_wycheproof;
using jwtcheck::test::str;

namespace {

struct Tally {
  std::size_t run = 0, valid = 0, invalid = 0, acceptable = 0, refused_weak_key = 0;
};

std::span<const unsigned char> bytes(const std::string& s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

Alg alg_for_sha(const std::string& sha, Alg a256, Alg a384, Alg a512) {
  if (sha == "SHA-256") return a256;
  if (sha == "SHA-384") return a384;
  if (sha == "SHA-512") return a512;
  throw std::runtime_error("unexpected sha " + sha);
}

// Runs every test of a group against `key`; `expected_true(result)` says which must verify.
void run_group_tests(const rapidjson::Value& group, const Key& key, Alg alg, const std::string& file, Tally& tally,
                     const char* msg_field = "msg", const char* sig_field = "sig") {
  for (const auto& t : group["tests"].GetArray()) {
    const std::string result = str(t, "result");
    const bool expected = result == "valid";  // acceptable and invalid must both be refused
    const bool actual = detail::verify_signature_once(detail::key_data(key), alg, bytes_from_hex(str(t, msg_field)),
                                                 bytes(bytes_from_hex(str(t, sig_field))));
    BOOST_TEST(actual == expected, file << " tcId " << t["tcId"].GetInt() << " (" << result << ", "
                                        << str(t, "comment") << ")");
    BOOST_TEST(ERR_peek_error() == 0UL, file << " tcId " << t["tcId"].GetInt() << " left the OpenSSL error queue non-empty");
    ++tally.run;
    (result == "valid" ? tally.valid : result == "invalid" ? tally.invalid : tally.acceptable)++;
  }
}

void report(const std::string& file, const rapidjson::Document& doc, const Tally& tally) {
  BOOST_TEST_MESSAGE(file << ": " << tally.run << " vectors (" << tally.valid << " valid, " << tally.invalid
                          << " invalid, " << tally.acceptable << " acceptable→refused, " << tally.refused_weak_key
                          << " under weak keys that never load)");
  BOOST_TEST(tally.run > 0U);
  BOOST_TEST(tally.run == static_cast<std::size_t>(doc["numberOfTests"].GetInt()), file << " ran every vector");
}

Key require_key(Result<Key> key, const std::string& what) {
  if (!key) BOOST_FAIL(what << ": " << key.error().message);
  return *key;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wycheproof_signatures)

BOOST_AUTO_TEST_CASE(rsa_pkcs1_v1_5) {
  for (const char* bits : {"2048", "3072", "4096"}) {
    for (const char* sha : {"sha256", "sha384", "sha512"}) {
      const std::string file = std::string("rsa_signature_") + bits + "_" + sha + "_test.json";
      const auto doc = load_wycheproof(file);
      Tally tally;
      for (const auto& group : (*doc)["testGroups"].GetArray()) {
        const Alg alg = alg_for_sha(str(group, "sha"), Alg::RS256, Alg::RS384, Alg::RS512);
        if (str(group["publicKey"], "publicExponent") == "03") {
          // e = 3 is below NIST SP 800-89's 65537: the key never loads, so none of its
          // signatures, valid ones included, can verify.
          const auto refused = parse_jwk(json_text(group["keyJwk"]));
          BOOST_TEST((!refused.ok() && refused.error().code == ErrorCode::weak_key), file << " e = 3 group");
          BOOST_TEST(!parse_pem_public_key(str(group, "publicKeyPem")).ok());
          tally.run += group["tests"].Size();
          tally.refused_weak_key += group["tests"].Size();
          continue;
        }
        const Key key = require_key(parse_jwk(json_text(group["keyJwk"])), file + " keyJwk");
        BOOST_TEST(key.bits() == static_cast<unsigned>(group["keySize"].GetInt()));
        // The same key through PEM (SPKI) must be the same key.
        const Key from_pem = require_key(parse_pem_public_key(str(group, "publicKeyPem")), file + " publicKeyPem");
        BOOST_TEST(from_pem.thumbprint() == key.thumbprint());
        run_group_tests(group, key, alg, file, tally);
      }
      report(file, *doc, tally);
    }
  }
}

BOOST_AUTO_TEST_CASE(rsa_pss) {
  for (const char* name : {"rsa_pss_2048_sha256_mgf1_32", "rsa_pss_2048_sha384_mgf1_48", "rsa_pss_3072_sha256_mgf1_32",
                           "rsa_pss_4096_sha256_mgf1_32", "rsa_pss_4096_sha384_mgf1_48", "rsa_pss_4096_sha512_mgf1_64"}) {
    const std::string file = std::string(name) + "_test.json";
    const auto doc = load_wycheproof(file);
    Tally tally;
    for (const auto& group : (*doc)["testGroups"].GetArray()) {
      const Alg alg = alg_for_sha(str(group, "sha"), Alg::PS256, Alg::PS384, Alg::PS512);
      // Applicability to JWS (RFC 7518 §3.5): MGF1 with the same hash, salt = hash length.
      BOOST_REQUIRE(str(group, "mgf") == "MGF1");
      BOOST_REQUIRE(str(group, "mgfSha") == str(group, "sha"));
      BOOST_REQUIRE(group["sLen"].GetInt() * 8 == std::stoi(str(group, "sha").substr(4)));
      const Key key = require_key(parse_jwk(json_text(group["publicKeyJwk"])), file + " publicKeyJwk");
      BOOST_TEST((key.alg() == std::optional<Alg>(alg)));
      run_group_tests(group, key, alg, file, tally);
    }
    report(file, *doc, tally);
  }
}

BOOST_AUTO_TEST_CASE(ecdsa_p1363) {
  const std::map<std::string, Alg> files = {{"ecdsa_secp256r1_sha256_p1363_test.json", Alg::ES256},
                                            {"ecdsa_secp384r1_sha384_p1363_test.json", Alg::ES384},
                                            {"ecdsa_secp521r1_sha512_p1363_test.json", Alg::ES512}};
  for (const auto& [file, alg] : files) {
    const auto doc = load_wycheproof(file);
    Tally tally;
    std::size_t from_pem = 0;
    for (const auto& group : (*doc)["testGroups"].GetArray()) {
      // A few groups have no JWK form of their key; they come in through the PEM parser.
      const bool has_jwk = group.HasMember("publicKeyJwk");
      const Key key = has_jwk ? require_key(parse_jwk(json_text(group["publicKeyJwk"])), file + " publicKeyJwk")
                              : require_key(parse_pem_public_key(str(group, "publicKeyPem")), file + " publicKeyPem");
      from_pem += has_jwk ? 0 : 1;
      BOOST_TEST(key.can_verify(alg));
      run_group_tests(group, key, alg, file, tally);
    }
    BOOST_TEST_MESSAGE(file << ": " << from_pem << " groups keyed from PEM");
    report(file, *doc, tally);
  }
}

BOOST_AUTO_TEST_CASE(eddsa) {
  for (const std::string file : {"ed25519_test.json", "ed448_test.json"}) {
    const auto doc = load_wycheproof(file);
    Tally tally;
    for (const auto& group : (*doc)["testGroups"].GetArray()) {
      const Key key = require_key(parse_jwk(json_text(group["publicKeyJwk"])), file + " publicKeyJwk");
      const Key from_pem = require_key(parse_pem_public_key(str(group, "publicKeyPem")), file + " publicKeyPem");
      BOOST_TEST(from_pem.thumbprint() == key.thumbprint());
      run_group_tests(group, key, Alg::EdDSA, file, tally);
    }
    report(file, *doc, tally);
  }
}

BOOST_AUTO_TEST_CASE(hmac) {
  const std::map<std::string, Alg> files = {
      {"hmac_sha256_test.json", Alg::HS256}, {"hmac_sha384_test.json", Alg::HS384}, {"hmac_sha512_test.json", Alg::HS512}};
  for (const auto& [file, alg] : files) {
    const auto doc = load_wycheproof(file);
    Tally tally;
    std::size_t truncated = 0, short_keys = 0;
    const std::size_t hash_bits = std::stoul(std::string(alg_name(alg)).substr(2));
    for (const auto& group : (*doc)["testGroups"].GetArray()) {
      const bool full_tag = static_cast<std::size_t>(group["tagSize"].GetInt()) == hash_bits;
      for (const auto& t : group["tests"].GetArray()) {
        const std::string secret = bytes_from_hex(str(t, "key"));
        auto key = hmac_key(secret, alg, "k");
        detail::KeyData direct;  // same secret, bypassing the length rule, for short keys
        direct.type = KeyType::oct;
        direct.alg = alg;
        direct.secret = secret;
        const detail::KeyData* data = &direct;
        if (secret.size() * 8 < hash_bits) {
          BOOST_TEST((!key && key.error().code == ErrorCode::weak_key), file << " tcId " << t["tcId"].GetInt());
          ++short_keys;
        } else {
          BOOST_REQUIRE(key.ok());
          data = &detail::key_data(*key);
        }
        const std::string result = str(t, "result");
        const bool expected = full_tag && result == "valid";
        const bool actual =
            detail::verify_signature_once(*data, alg, bytes_from_hex(str(t, "msg")), bytes(bytes_from_hex(str(t, "tag"))));
        BOOST_TEST(actual == expected, file << " tcId " << t["tcId"].GetInt() << " (" << result << ", tagSize "
                                            << group["tagSize"].GetInt() << ")");
        ++tally.run;
        truncated += full_tag ? 0 : 1;
        (result == "valid" ? tally.valid : tally.invalid)++;
      }
    }
    BOOST_TEST_MESSAGE(file << ": " << truncated << " truncated-tag vectors refused, " << short_keys
                            << " vectors with keys shorter than the hash (weak_key via hmac_key)");
    BOOST_TEST(truncated > 0U);
    report(file, *doc, tally);
  }
}

BOOST_AUTO_TEST_SUITE_END()
