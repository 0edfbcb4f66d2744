// Published JWS examples through jwtcheck's signature layer (detail::verify_jws_signature:
// split, header, alg allowlist, key choice, signature — the payload is not decoded, because
// these payloads are not access-token claims), plus two RFC 7515 examples through a full
// Verifier with a policy that fits them.
#include <jwtcheck/verifier.hpp>

#include "base64url.hpp"
#include "verify/alg_set.hpp"
#include "verify/jws_signature.hpp"
#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

std::filesystem::path vectors_dir() {
  const char* dir = std::getenv("JWTCHECK_VECTORS_DIR");
  BOOST_REQUIRE_MESSAGE(dir != nullptr, "JWTCHECK_VECTORS_DIR is not set");
  return dir;
}

rapidjson::Document read_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(), "bad JSON in " << path);
  return doc;
}

std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

detail::AlgSet every_alg() {
  detail::AlgSet all;
  for (Alg alg : detail::kAllAlgs) all.add(alg);
  return all;
}

// A JWK from a vector file: public keys through parse_jwk, "oct" secrets through hmac_key.
// `alg` is used for an oct key without its own "alg".
Result<Key> key_from_jwk(const rapidjson::Value& jwk, std::string_view fallback_alg = {}) {
  if (jwk.HasMember("kty") && std::string_view(jwk["kty"].GetString()) == "oct") {
    const auto secret = detail::base64url_decode(std::string_view(jwk["k"].GetString()));
    BOOST_REQUIRE(secret.has_value());
    const auto alg = alg_from_name(jwk.HasMember("alg") ? jwk["alg"].GetString() : fallback_alg);
    BOOST_REQUIRE(alg.has_value());
    return hmac_key(*secret, *alg, jwk.HasMember("kid") ? jwk["kid"].GetString() : "");
  }
  return parse_jwk(to_text(jwk));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(vectors)

BOOST_AUTO_TEST_CASE(rfc_examples_through_the_signature_layer) {
  const auto dir = vectors_dir() / "rfc";
  BOOST_REQUIRE_MESSAGE(std::filesystem::is_directory(dir), "missing " << dir);
  int valid = 0, refused = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    BOOST_TEST_CONTEXT(entry.path().filename()) {
      const auto doc = read_json(entry.path());
      auto key = key_from_jwk(doc["jwk"], doc["alg"].GetString());
      BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
      const auto result = detail::verify_jws_signature(doc["compact"].GetString(), KeySet({*key}), every_alg());
      if (doc["valid"].GetBool()) {
        BOOST_TEST(result.ok(), (result.ok() ? "" : result.error().message));
        ++valid;
      } else {
        BOOST_TEST(!result.ok());
        if (!result.ok()) BOOST_TEST(result.error().code == ErrorCode::bad_signature, result.error().message);
        ++refused;
      }
    }
  }
  BOOST_TEST_MESSAGE("RFC examples: " << valid << " verified, " << refused << " tampered twins refused");
  BOOST_TEST(valid == 9);
  BOOST_TEST(refused == 18);
}

BOOST_AUTO_TEST_CASE(rfc7515_examples_through_a_verifier) {
  // RFC 7515 A.1 (HS256) and A.2 (RS256) carry JWT claims {"iss":"joe","exp":1300819380,...}: with
  // the clock just before that exp, the signature and every present claim pass, and the only
  // failure is the missing "aud" that every access token must have.
  for (const char* file : {"rfc7515_A1_HS256.json", "rfc7515_A2_RS256.json"}) {
    BOOST_TEST_CONTEXT(file) {
      const auto doc = read_json(vectors_dir() / "rfc" / file);
      auto key = key_from_jwk(doc["jwk"], doc["alg"].GetString());
      BOOST_REQUIRE(key.ok());
      Policy p;
      p.issuer = "joe";
      p.audiences = {"https://api.example"};
      p.subject_suffix.clear();
      p.leeway = std::chrono::seconds(0);
      VerifierOptions options;
      options.clock = [] { return std::int64_t{1300819379}; };
      if (key->type() == KeyType::oct) p.algorithms = {Alg::HS256};
      auto v = Verifier::create(p, KeySet({*key}), options);
      BOOST_REQUIRE(v.ok());
      const Report r = v->check(doc["compact"].GetString());
      BOOST_TEST(!r.valid);
      BOOST_REQUIRE(r.errors.size() == 1u);
      BOOST_TEST(r.errors[0].code == ErrorCode::missing_claim);
      BOOST_TEST(r.errors[0].message.rfind("aud:", 0) == 0u);
      for (const Check& c : r.checks)
        if (c.name != "aud") BOOST_TEST(c.passed, c.name << " failed");
      // One second later the token has expired (exp is "on or after").
      options.clock = [] { return std::int64_t{1300819380}; };
      const Report later = Verifier::create(p, KeySet({*key}), options)->check(doc["compact"].GetString());
      BOOST_REQUIRE(later.errors.size() == 2u);
      BOOST_TEST(later.errors[1].code == ErrorCode::expired);
    }
  }
}

// Wycheproof cases where jwtcheck refuses a token Wycheproof labels "valid", on purpose:
const std::map<int, std::pair<ErrorCode, const char*>> kStricterThanWycheproof = {
    {346, {ErrorCode::key_mismatch, "the JWK says alg PS256, the token PS384: a JWK alg binds the key (RFC 7517 §4.4)"}},
    {350, {ErrorCode::key_mismatch, "same key and token as 346, with key_ops"}},
    {372, {ErrorCode::malformed_token, "a '?' inside the header segment: strict base64url (RFC 7515 §2)"}},
    {373, {ErrorCode::malformed_token, "a '?' inside the payload segment: strict base64url (RFC 7515 §2)"}},
};
// Wycheproof defects: these "invalid" cases are byte for byte the token of a "valid" case
// (their names say a padding '=' was meant to be there), so they must get the same answer.
const std::map<int, int> kSameBytesAsValidCase = {{367, 357}, {370, 357}};

// Groups whose JWK jwtcheck refuses to load (so every test of the group is refused).
const std::map<std::string, std::string> kUnloadableKeys = {
    {"ES521", "the JWK says alg \"ES521\", which is no JOSE algorithm (RFC 7518 names it ES512)"},
};

BOOST_AUTO_TEST_CASE(wycheproof_json_web_signature) {
  const auto doc = read_json(vectors_dir() / "wycheproof" / "json_web_signature_test.json");
  const detail::AlgSet all = every_alg();
  int valid = 0, invalid = 0, stricter = 0, total = 0;
  std::set<int> stricter_seen;
  std::map<int, std::string> tokens;
  int defects = 0;
  for (const auto& group : doc["testGroups"].GetArray()) {
    const bool has_public = group.HasMember("public") && group["public"].IsObject();
    const rapidjson::Value& jwk = has_public ? group["public"] : group["private"];
    const auto key = key_from_jwk(jwk);
    const std::string jwk_alg = jwk.HasMember("alg") ? jwk["alg"].GetString() : "";
    if (!key.ok()) {
      BOOST_TEST_MESSAGE("group " << group["comment"].GetString() << ": key refused: " << key.error().message);
      BOOST_TEST(kUnloadableKeys.count(jwk_alg) == 1u, "unexpected key refusal: " << key.error().message);
    }
    const KeySet keys = key.ok() ? KeySet({*key}) : KeySet();
    for (const auto& t : group["tests"].GetArray()) {
      ++total;
      const int id = t["tcId"].GetInt();
      const std::string result = t["result"].GetString();
      tokens[id] = t["jws"].GetString();
      BOOST_TEST_CONTEXT("tcId " << id << " " << t["comment"].GetString()) {
        const auto r = detail::verify_jws_signature(t["jws"].GetString(), keys, all);
        BOOST_TEST(result != "acceptable");  // the file has none; if one appears, decide and document it
        if (auto it = kStricterThanWycheproof.find(id); it != kStricterThanWycheproof.end()) {
          BOOST_TEST(!r.ok(), "accepted, though refused on purpose: " << it->second.second);
          if (!r.ok()) BOOST_TEST(r.error().code == it->second.first, r.error().message);
          stricter_seen.insert(id);
          ++stricter;
        } else if (auto same = kSameBytesAsValidCase.find(id); same != kSameBytesAsValidCase.end()) {
          BOOST_TEST(tokens.at(same->second) == tokens[id], "no longer a duplicate of tcId " << same->second);
          BOOST_TEST(r.ok(), "must match tcId " << same->second);
          ++defects;
        } else if (!key.ok()) {
          BOOST_TEST(!r.ok());
          ++stricter;
        } else if (result == "valid") {
          BOOST_TEST(r.ok(), (r.ok() ? "" : r.error().message));
          ++valid;
        } else {
          BOOST_TEST(!r.ok(), "accepted an invalid token");
          ++invalid;
        }
      }
    }
  }
  BOOST_TEST_MESSAGE("Wycheproof json_web_signature: " << total << " cases: " << valid << " valid verified, "
                                                      << invalid << " invalid refused, " << stricter
                                                      << " refused on purpose (documented), " << defects
                                                      << " mislabelled duplicates of valid cases");
  BOOST_TEST(total == doc["numberOfTests"].GetInt());
  BOOST_TEST(stricter_seen.size() == kStricterThanWycheproof.size());
  BOOST_TEST(defects == static_cast<int>(kSameBytesAsValidCase.size()));
  BOOST_TEST(valid + invalid + stricter + defects == total);
  BOOST_TEST(valid > 0);
  BOOST_TEST(invalid > 300);
}

BOOST_AUTO_TEST_SUITE_END()
