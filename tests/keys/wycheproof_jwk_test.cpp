// Wycheproof json_web_key_test.json: each group's key set, each test a JWS to check against it.
//
// jwtcheck's path is parse_jwks over the group's "public" set (or its "private" set when there
// is no public one), then KeySet::find(kid, alg), Key::can_verify and verify_signature.
// Documented outcomes that differ from the file's labels:
//  - oct keys are never taken from a JWKS (HMAC secrets come only through hmac_key), so on the
//    JWKS path the "valid" HS* cases 2, 13, 14, 15 are refused too. On the hmac_key path (the
//    caller hands over each oct key's "k" with its "alg") those cases verify as labelled.
//  - hmac_key path, case 4 (two keys with the same kid): KeySet allows duplicate kids (key
//    rotation) and picks the earliest key that can verify, which is the signing key: accepted.
//    Wycheproof marks this "Ambiguous"; on the JWKS path it is refused like every oct set.
#include "keys/key_data.hpp"
#include "crypto/key_verifier.hpp"
#include "crypto/wycheproof_file.hpp"
#include "support/error_printing.hpp"

#include "base64url.hpp"

#include <jwtcheck/key_set.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <span>

using namespace jwtcheck;
using jwtcheck::test::json_text;
using jwtcheck::test::load_wycheproof;
using jwtcheck::test::str;

namespace {

// Verifies a compact JWS against a key set the way the Verifier does at this layer.
bool verify_jws(const KeySet& keys, const std::string& jws) {
  const auto dot1 = jws.find('.');
  const auto dot2 = jws.find('.', dot1 + 1);
  BOOST_REQUIRE(dot1 != std::string::npos && dot2 != std::string::npos);
  const auto header_json = detail::base64url_decode(std::string_view(jws).substr(0, dot1));
  const auto signature = detail::base64url_decode(std::string_view(jws).substr(dot2 + 1));
  BOOST_REQUIRE(header_json.has_value());
  if (!signature) return false;
  rapidjson::Document header;
  header.Parse(header_json->c_str());
  BOOST_REQUIRE(header.IsObject());
  const auto alg = alg_from_name(str(header, "alg"));
  if (!alg) return false;
  const Key* key = keys.find(str(header, "kid"), *alg);
  if (key == nullptr || !key->can_verify(*alg)) return false;
  return detail::verify_signature_once(detail::key_data(*key), *alg, std::string_view(jws).substr(0, dot2),
                                  std::span(reinterpret_cast<const unsigned char*>(signature->data()), signature->size()));
}

bool only_oct_keys(const rapidjson::Value& set) {
  for (const auto& k : set["keys"].GetArray())
    if (str(k, "kty") != "oct") return false;
  return true;
}

// The hmac_key path: the caller hands over each oct key's secret and alg explicitly.
KeySet hmac_key_set(const rapidjson::Value& set, std::vector<ErrorCode>& refused) {
  std::vector<Key> keys;
  for (const auto& k : set["keys"].GetArray()) {
    const auto alg = alg_from_name(str(k, "alg"));
    const auto secret = detail::base64url_decode(str(k, "k"));
    if (!secret) {
      refused.push_back(ErrorCode::invalid_key);  // case 4's second "k" is not canonical base64url
      continue;
    }
    if (!alg) {
      refused.push_back(ErrorCode::unsupported_key);  // A256GCM, A256KW: not HMAC algs
      continue;
    }
    auto key = hmac_key(*secret, *alg, str(k, "kid"));
    if (key)
      keys.push_back(*key);
    else
      refused.push_back(key.error().code);
  }
  return KeySet(std::move(keys));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wycheproof_json_web_key)

BOOST_AUTO_TEST_CASE(key_sets_and_tokens) {
  const auto doc = load_wycheproof("json_web_key_test.json");
  // tcId -> accepted? on the JWKS path (only the RS256 case 5 verifies).
  const std::set<int> jwks_accepts = {5};
  // tcId -> accepted? on the hmac_key path, for groups whose keys are all oct.
  const std::map<int, bool> hmac_accepts = {{2, true},   {3, false},  {4, true},   {10, false}, {11, false},
                                            {12, false}, {13, true},  {14, true},  {15, true},  {16, false},
                                            {17, false}, {18, false}, {25, false}, {26, false}};
  // The reason parse_jwks gives for the first skipped key of a group's set (by first tcId).
  const std::map<int, ErrorCode> skip_reason = {
      {1, ErrorCode::unsupported_key},  {6, ErrorCode::unsupported_key},  {7, ErrorCode::weak_key},
      {8, ErrorCode::weak_key},         {9, ErrorCode::weak_key},         {10, ErrorCode::unsupported_key},
      {19, ErrorCode::unsupported_key}, {20, ErrorCode::unsupported_key}, {22, ErrorCode::invalid_key},
      {23, ErrorCode::invalid_key},     {24, ErrorCode::invalid_key}};
  std::size_t run = 0, hmac_path_run = 0, differs_from_label = 0;
  for (const auto& group : (*doc)["testGroups"].GetArray()) {
    const rapidjson::Value& set = group.HasMember("public") ? group["public"] : group["private"];
    auto parsed = parse_jwks(json_text(set));
    BOOST_REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
    const int first_tc = group["tests"][0]["tcId"].GetInt();
    if (const auto it = skip_reason.find(first_tc); it != skip_reason.end()) {
      BOOST_REQUIRE_MESSAGE(!parsed->skipped.empty(), "tcId " << first_tc << ": a key should be skipped");
      BOOST_TEST(parsed->skipped[0].reason.code == it->second, "tcId " << first_tc << ": " << parsed->skipped[0].reason.message);
    }
    // Private sets never yield keys: every non-oct key there carries private members.
    if (group.HasMember("private") && group.HasMember("public")) {
      auto from_private = parse_jwks(json_text(group["private"]));
      BOOST_REQUIRE(from_private.ok());
      BOOST_TEST(from_private->keys.empty(), "tcId " << first_tc);
      for (const auto& skipped : from_private->skipped) BOOST_TEST(skipped.reason.code == ErrorCode::invalid_key);
    }
    std::vector<ErrorCode> hmac_refused;
    const bool hmac_path = only_oct_keys(set);
    const KeySet hmac_keys = hmac_path ? hmac_key_set(set, hmac_refused) : KeySet();
    for (const auto& t : group["tests"].GetArray()) {
      const int tc = t["tcId"].GetInt();
      const bool accepted = verify_jws(parsed->keys, str(t, "jws"));
      BOOST_TEST(accepted == (jwks_accepts.count(tc) == 1), "JWKS path, tcId " << tc << " (" << str(t, "comment") << ")");
      differs_from_label += accepted != (str(t, "result") == "valid") ? 1 : 0;
      ++run;
      if (hmac_path) {
        BOOST_REQUIRE_MESSAGE(hmac_accepts.count(tc) == 1, "tcId " << tc << " has no hmac_key-path expectation");
        BOOST_TEST(verify_jws(hmac_keys, str(t, "jws")) == hmac_accepts.at(tc), "hmac_key path, tcId " << tc);
        ++hmac_path_run;
      }
    }
    for (ErrorCode code : hmac_refused)
      BOOST_TEST((code == ErrorCode::weak_key || code == ErrorCode::unsupported_key || code == ErrorCode::invalid_key),
                 "tcId " << first_tc);
  }
  BOOST_TEST_MESSAGE("json_web_key_test.json: " << run << " tokens on the JWKS path (" << differs_from_label
                                                << " differ from the label: oct never from a JWKS), " << hmac_path_run
                                                << " on the hmac_key path");
  BOOST_TEST(run == static_cast<std::size_t>((*doc)["numberOfTests"].GetInt()));
  BOOST_TEST(differs_from_label == 4U);  // cases 2, 13, 14, 15
  BOOST_TEST(hmac_path_run == hmac_accepts.size());
}

BOOST_AUTO_TEST_SUITE_END()
