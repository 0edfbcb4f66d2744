// OpenSSL error-queue hygiene: every failing operation leaves the thread's error queue empty,
// so one failure never leaks into another call (or into the host application's own OpenSSL use).
// Each case runs the failure on this thread and asserts ERR_peek_error() == 0 afterwards.
#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier.hpp>

#include "crypto/key_verifier.hpp"
#include "keys/key_data.hpp"
#include "support/error_printing.hpp"
#include "support/test_keys.hpp"
#include "support/token_builder.hpp"
#include "verify/verify_fixture.hpp"

#include <boost/test/unit_test.hpp>
#include <openssl/err.h>

#include <functional>
#include <string>
#include <vector>

namespace {

using jwtcheck::Alg;
using jwtcheck::ErrorCode;
using namespace jwtcheck::test;

// Runs `operation` (which must fail) with an empty queue and checks the queue is empty after.
template <class Operation>
void expect_clean_failure(const std::string& what, Operation operation) {
  ERR_clear_error();
  const bool failed = operation();
  BOOST_TEST(failed, what << ": expected a failure");
  const unsigned long left = ERR_peek_error();
  char text[256] = {};
  if (left != 0) ERR_error_string_n(left, text, sizeof text);
  BOOST_TEST(left == 0ul, what << ": OpenSSL error left in the queue: " << text);
  ERR_clear_error();
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_TEST_REQUIRE(at != std::string::npos, "no " << from << " in " << text);
  return text.replace(at, from.size(), to);
}

// A JWK member value (string) swapped for another.
std::string with_member(const std::string& jwk, const std::string& name, const std::string& value) {
  const std::string key = "\"" + name + "\":\"";
  const auto start = jwk.find(key);
  BOOST_TEST_REQUIRE(start != std::string::npos, "no " << name << " in " << jwk);
  const auto end = jwk.find('"', start + key.size());
  return jwk.substr(0, start + key.size()) + value + jwk.substr(end);
}

const std::vector<Alg> asymmetric = {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384, Alg::PS512,
                                     Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA};
const std::vector<Alg> every_alg = [] {
  auto all = asymmetric;
  all.insert(all.end(), {Alg::HS256, Alg::HS384, Alg::HS512});
  return all;
}();

}  // namespace

BOOST_AUTO_TEST_SUITE(openssl_queue)

BOOST_AUTO_TEST_CASE(bad_jwks_leave_the_queue_empty) {
  const std::string ec = cached_test_key(Alg::ES256).public_jwk;
  const std::string rsa = cached_test_key(Alg::RS256).public_jwk;
  const std::string ed = cached_test_key(Alg::EdDSA).public_jwk;
  const std::vector<std::pair<std::string, std::string>> cases = {
      // A point that is not on the curve: OpenSSL itself refuses it.
      {"EC point off the curve", with_member(ec, "y", b64url(std::string(32, '\x01')))},
      {"EC x too short", with_member(ec, "x", b64url(std::string(31, '\x07')))},
      {"EC unknown curve", with_member(ec, "crv", "P-192")},
      {"EC bad base64url", with_member(ec, "x", "!!!!")},
      {"RSA even modulus", with_member(rsa, "n", b64url(std::string(256, '\xf2')))},
      {"RSA exponent 1", with_member(rsa, "e", "AQ")},
      {"RSA short modulus", with_member(rsa, "n", b64url(std::string(128, '\xf1')))},
      {"Ed25519 short x", with_member(ed, "x", b64url(std::string(31, '\x09')))},
      {"OKP unknown curve", with_member(ed, "crv", "X25519")},
      {"not JSON", "{\"kty\":"},
      {"private member", replace(ec, "{", "{\"d\":\"AAAA\",")},
  };
  for (const auto& test_case : cases) {
    const std::string& what = test_case.first;  // not a structured binding: lambdas capture it (clang 14)
    const std::string& jwk = test_case.second;
    expect_clean_failure("parse_jwk: " + what, [&] { return !jwtcheck::parse_jwk(jwk).ok(); });
    expect_clean_failure("parse_jwks: " + what, [&] {
      auto parsed = jwtcheck::parse_jwks(jwks_json({jwk}));
      return !parsed.ok() || parsed->keys.empty();
    });
  }
}

BOOST_AUTO_TEST_CASE(bad_pems_leave_the_queue_empty) {
  const std::string pem = cached_test_key(Alg::ES256).public_pem;
  const std::string body_start = "-----BEGIN PUBLIC KEY-----\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"garbage", "hello"},
      {"empty", ""},
      {"truncated", pem.substr(0, pem.size() / 2)},
      {"bad base64", replace(pem, body_start, body_start + "%%%%")},
      {"corrupted DER", replace(pem, body_start + "MF", body_start + "MX")},
      {"private key", cached_test_key(Alg::ES256).private_pem},
      {"RSA private key", cached_test_key(Alg::RS256).private_pem},
      {"wrong label", replace(replace(pem, "BEGIN PUBLIC", "BEGIN CERTIFICATE"), "END PUBLIC", "END CERTIFICATE")},
  };
  for (const auto& test_case : cases) {
    const std::string& what = test_case.first;  // not a structured binding: lambdas capture it (clang 14)
    const std::string& text = test_case.second;
    expect_clean_failure("parse_pem_public_key: " + what, [&] { return !jwtcheck::parse_pem_public_key(text).ok(); });
  }
}

BOOST_AUTO_TEST_CASE(bad_hmac_secrets_leave_the_queue_empty) {
  expect_clean_failure("short HS256 secret", [] { return !jwtcheck::hmac_key("short", Alg::HS256).ok(); });
  expect_clean_failure("empty HS512 secret", [] { return !jwtcheck::hmac_key("", Alg::HS512).ok(); });
  expect_clean_failure("HMAC for ES256", [] { return !jwtcheck::hmac_key(std::string(64, 'k'), Alg::ES256).ok(); });
}

BOOST_AUTO_TEST_CASE(bad_signatures_of_every_alg_leave_the_queue_empty) {
  for (Alg alg : every_alg) {
    const TestKey& key = cached_test_key(alg);
    auto policy = auth0_policy();
    policy.algorithms = {alg};
    const auto verifier = make_verifier(key_set_of({&key}), policy);
    const std::string good = auth0_token(key, alg);
    const std::string name(jwtcheck::alg_name(alg));
    const auto last_dot = good.rfind('.');
    const std::string signing_input = good.substr(0, last_dot);
    std::string flipped = good;
    flipped[last_dot + 2] = flipped[last_dot + 2] == 'A' ? 'B' : 'A';
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"flipped signature bit", flipped},
        {"signature of other bytes", signing_input + "." + sign_for_test(key, alg, "other")},
        {"one-byte signature", signing_input + ".AA"},
        {"oversized signature", signing_input + "." + b64url(std::string(2048, '\x55'))},
        {"all-zero signature", signing_input + "." + b64url(std::string(good.size() - last_dot, '\0'))},
    };
    for (const auto& test_case : cases) {
      // Named references, not a structured binding: C++20 lambdas may not capture those (clang).
      const std::string& what = test_case.first;
      const std::string& token = test_case.second;
      expect_clean_failure(name + " verify: " + what, [&] { return !verifier.verify(token).ok(); });
      expect_clean_failure(name + " check: " + what, [&] { return !verifier.check(token).valid; });
    }
  }
}

BOOST_AUTO_TEST_CASE(verify_signature_directly_leaves_the_queue_empty_for_every_family) {
  for (Alg alg : every_alg) {
    const auto key = verification_key(cached_test_key(alg));
    const std::vector<unsigned char> garbage(600, 0x80);
    const std::string name(jwtcheck::alg_name(alg));
    expect_clean_failure(name + " garbage signature", [&] {
      return !jwtcheck::detail::verify_signature_once(jwtcheck::detail::key_data(key), alg, "a.b", garbage);
    });
    expect_clean_failure(name + " empty signature", [&] {
      return !jwtcheck::detail::verify_signature_once(jwtcheck::detail::key_data(key), alg, "a.b", {});
    });
  }
  // A key of the wrong family for the alg.
  const auto ec = verification_key(cached_test_key(Alg::ES256));
  const std::vector<unsigned char> signature(256, 0x11);
  expect_clean_failure("EC key as RS256", [&] {
    return !jwtcheck::detail::verify_signature_once(jwtcheck::detail::key_data(ec), Alg::RS256, "a.b", signature);
  });
}

BOOST_AUTO_TEST_CASE(malformed_tokens_leave_the_queue_empty) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const auto verifier = make_verifier(key_set_of({&key}));
  const std::vector<std::string> undecodable = {
      "", "a.b", "a.b.c.d.e", "!!.!!.!!", compact_token("{", "{}"), compact_token("[]", "{}"),
  };
  for (const auto& token : undecodable)
    expect_clean_failure("decode_unverified " + token, [&] { return !jwtcheck::decode_unverified(token).ok(); });
  auto unverifiable = undecodable;
  unverifiable.push_back(compact_token(R"({"alg":"none"})", auth0_claims().str(), ""));
  unverifiable.push_back(compact_token(R"({"alg":"ES256","kid":"nope"})", auth0_claims().str()));
  unverifiable.push_back(compact_token(R"({"alg":"ES256"})", auth0_claims().str(), "AAAA"));
  for (const auto& token : unverifiable) {
    expect_clean_failure("verify " + token, [&] { return !verifier.verify(token).ok(); });
    expect_clean_failure("check " + token, [&] { return !verifier.check(token).valid; });
  }
}

BOOST_AUTO_TEST_CASE(an_error_left_by_the_application_does_not_fail_a_good_verification) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const auto verifier = make_verifier(key_set_of({&key}));
  const std::string good = auth0_token(key, Alg::RS256);
  ERR_clear_error();
  ERR_raise(ERR_LIB_USER, ERR_R_INTERNAL_ERROR);  // the host application's own, unrelated failure
  BOOST_TEST_REQUIRE(ERR_peek_error() != 0ul);
  auto verified = verifier.verify(good);
  BOOST_TEST(verified.ok(), (verified.ok() ? "" : verified.error().message));
  auto parsed = jwtcheck::parse_jwk(key.public_jwk);
  BOOST_TEST(parsed.ok());
  ERR_clear_error();
}

BOOST_AUTO_TEST_SUITE_END()
