// Known attacks on JWT verifiers (RFC 8725 and published CVEs), each against a Verifier that
// must refuse with a typed error: alg none, RS/HS key confusion, psychic ECDSA signatures,
// embedded keys and key URLs, hostile kids, critical extensions, duplicate claims, size bombs.
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/x509.h>

#include <stdexcept>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

void require_refused(const Verifier& v, const std::string& token, ErrorCode code, std::string_view what) {
  BOOST_TEST_CONTEXT(what) {
    auto r = v.verify(token);
    BOOST_TEST(!r.ok(), "accepted");
    if (!r.ok()) BOOST_TEST(r.error().code == code, r.error().message);
    const Report report = v.check(token);
    BOOST_TEST(!report.valid);
    BOOST_TEST(!report.errors.empty());
  }
}

std::string encode_public_key(EVP_PKEY* pkey, const char* format, const char* structure) {
  using EncoderPtr = std::unique_ptr<OSSL_ENCODER_CTX, test::OpenSslDeleter<OSSL_ENCODER_CTX_free>>;
  EncoderPtr ctx(OSSL_ENCODER_CTX_new_for_pkey(pkey, EVP_PKEY_PUBLIC_KEY, format, structure, nullptr));
  unsigned char* data = nullptr;
  std::size_t len = 0;
  if (!ctx || OSSL_ENCODER_to_data(ctx.get(), &data, &len) != 1) throw std::runtime_error("encoder failed");
  std::string out(reinterpret_cast<char*>(data), len);
  OPENSSL_free(data);
  return out;
}

std::string bn_param(EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) throw std::runtime_error("no param");
  test::BignumPtr owner(bn);
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// Every encoding of a public key an attacker might try as an HMAC secret.
std::vector<std::pair<std::string, std::string>> public_key_encodings(const TestKey& key) {
  std::vector<std::pair<std::string, std::string>> out{
      {"PEM SPKI", key.public_pem},
      {"PEM SPKI without trailing newline", key.public_pem.substr(0, key.public_pem.size() - 1)},
      {"DER SPKI", encode_public_key(key.pkey.get(), "DER", "SubjectPublicKeyInfo")},
      {"JWK JSON", key.public_jwk},
  };
  if (EVP_PKEY_is_a(key.pkey.get(), "RSA")) {
    out.emplace_back("PEM PKCS#1", encode_public_key(key.pkey.get(), "PEM", "type-specific"));
    out.emplace_back("DER PKCS#1", encode_public_key(key.pkey.get(), "DER", "type-specific"));
    out.emplace_back("n bytes", bn_param(key.pkey.get(), OSSL_PKEY_PARAM_RSA_N));
    out.emplace_back("n base64url", b64url(bn_param(key.pkey.get(), OSSL_PKEY_PARAM_RSA_N)));
  } else {
    std::size_t len = 0;
    EVP_PKEY_get_octet_string_param(key.pkey.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0, &len);
    std::string point(len, '\0');
    EVP_PKEY_get_octet_string_param(key.pkey.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                    reinterpret_cast<unsigned char*>(point.data()), len, &len);
    out.emplace_back("encoded point", point);
  }
  return out;
}

TestKey hmac_test_key(Alg alg, std::string secret, std::string kid) {
  TestKey k;
  k.alg = alg;
  k.secret = std::move(secret);
  k.kid = std::move(kid);
  return k;
}

// The order n of a NIST curve, big-endian, `size` bytes.
std::string curve_order(int nid, std::size_t size) {
  std::unique_ptr<EC_GROUP, test::OpenSslDeleter<EC_GROUP_free>> group(EC_GROUP_new_by_curve_name(nid));
  std::string out(size, '\0');
  BN_bn2binpad(EC_GROUP_get0_order(group.get()), reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(size));
  return out;
}

std::string big_endian(std::size_t size, unsigned char last) {
  std::string out(size, '\0');
  out.back() = static_cast<char>(last);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(attacks)

BOOST_AUTO_TEST_CASE(alg_none_in_any_spelling) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const Verifier v = make_verifier(key_set_of({&key, &cached_test_key(Alg::HS256)}));
  const std::string claims = auth0_claims().str();
  for (const char* alg : {"none", "None", "NONE", "nOnE", "noNe", "none ", " none", "none\\u0000", "", "NONE\\n"}) {
    const std::string header = std::string(R"({"alg":")") + alg + R"(","typ":"JWT","kid":")" + key.kid + "\"}";
    // With a signature the header is read and its alg refused…
    require_refused(v, compact_token(header, claims, "c2lnbmF0dXJl"), ErrorCode::alg_not_allowed, std::string("signed, alg ") + alg);
    // …and the RS256 signature of the same content does not help.
    const std::string signing_input = b64url(header) + "." + b64url(claims);
    require_refused(v, signing_input + "." + sign_for_test(key, Alg::RS256, signing_input), ErrorCode::alg_not_allowed,
                    std::string("RS256-signed, alg ") + alg);
    // Without a signature the token is not even a JWS.
    require_refused(v, compact_token(header, claims, ""), ErrorCode::malformed_token, std::string("unsigned, alg ") + alg);
  }
  auto r = v.verify(compact_token(R"({"alg":"none"})", claims, "c2ln"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.find("\"none\" is not allowed") != std::string::npos, r.error().message);
}

BOOST_AUTO_TEST_CASE(public_key_as_hmac_secret_is_refused_whatever_the_allowlist) {
  for (Alg alg : {Alg::RS256, Alg::ES256, Alg::EdDSA}) {
    const TestKey& victim = cached_test_key(alg);
    BOOST_TEST_CONTEXT("victim " << alg_name(alg)) {
      const Verifier default_policy = make_verifier(key_set_of({&victim}));
      // HS in the allowlist with only public keys: the Verifier cannot even be created.
      Policy hs = auth0_policy();
      hs.algorithms = {alg, Alg::HS256, Alg::HS384, Alg::HS512};
      auto refused = Verifier::create(hs, key_set_of({&victim}), pinned_options());
      BOOST_REQUIRE(!refused.ok());
      BOOST_TEST(refused.error().code == ErrorCode::invalid_policy);
      // HS allowed because an unrelated HMAC key exists: the public key still never acts as a secret.
      const TestKey other_hmac = hmac_test_key(Alg::HS256, std::string(32, 's'), "hmac-key");
      hs.algorithms = {alg, Alg::HS256};
      auto mixed = Verifier::create(hs, key_set_of({&victim, &other_hmac}), pinned_options());
      BOOST_REQUIRE(mixed.ok());
      for (const auto& [encoding, secret] : public_key_encodings(victim)) {
        BOOST_TEST_CONTEXT("secret = " << encoding) {
          const TestKey attacker = hmac_test_key(Alg::HS256, secret, victim.kid);
          const std::string with_kid = auth0_token(attacker, Alg::HS256);
          const std::string without_kid =
              signed_token(attacker, Alg::HS256, jose_header_json(Alg::HS256, ""), auth0_claims().str());
          require_refused(default_policy, with_kid, ErrorCode::alg_not_allowed, "default allowlist, kid");
          require_refused(default_policy, without_kid, ErrorCode::alg_not_allowed, "default allowlist, no kid");
          require_refused(*mixed, with_kid, ErrorCode::key_mismatch, "HS256 allowed, victim's kid");
          require_refused(*mixed, without_kid, ErrorCode::bad_signature, "HS256 allowed, no kid");
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(psychic_ecdsa_signatures) {
  struct Curve { Alg alg; int nid; std::size_t size; };
  for (const Curve& c : {Curve{Alg::ES256, NID_X9_62_prime256v1, 32}, Curve{Alg::ES384, NID_secp384r1, 48},
                         Curve{Alg::ES512, NID_secp521r1, 66}}) {
    const TestKey& key = cached_test_key(c.alg);
    const Verifier v = make_verifier(key_set_of({&key}));
    const std::string n = curve_order(c.nid, c.size);
    const std::string zero(c.size, '\0'), one = big_endian(c.size, 1);
    const std::string signing_input = b64url(jose_header_json(c.alg, key.kid)) + "." + b64url(auth0_claims().str());
    const std::pair<const char*, std::string> cases[] = {
        {"r=s=0", zero + zero}, {"r=0 s=1", zero + one}, {"r=1 s=0", one + zero},
        {"r=s=n", n + n},       {"r=n s=1", n + one},    {"r=1 s=n", one + n},
        {"all 0xff", std::string(2 * c.size, '\xff')},  {"empty-ish", std::string(1, '\0')},
        {"DER encoded", "\x30\x06\x02\x01\x00\x02\x01\x00"},
    };
    for (const auto& [name, signature] : cases) {
      BOOST_TEST_CONTEXT(alg_name(c.alg) << " " << name) {
        auto r = v.verify(signing_input + "." + b64url(signature));
        BOOST_REQUIRE(!r.ok());
        BOOST_TEST(r.error().code == ErrorCode::bad_signature, r.error().message);
      }
    }
    // And the real signature, for contrast.
    BOOST_TEST(v.verify(signing_input + "." + sign_for_test(key, c.alg, signing_input)).ok());
  }
}

BOOST_AUTO_TEST_CASE(embedded_keys_and_key_urls_are_never_used) {
  const TestKey& legit = cached_test_key(Alg::ES256);
  const TestKey attacker = generate_test_key(Alg::ES256, "attacker-key");
  const Verifier v = make_verifier(key_set_of({&legit}));
  const std::string claims = auth0_claims().str();
  const std::string embedded = ",\"jwk\":" + attacker.public_jwk;
  const std::string urls = R"(,"jku":"https://attacker.example/jwks.json","x5u":"https://attacker.example/cert.pem",)"
                           R"("x5c":["MIIBszCCAVmgAwIBAgIUJ0fZ"],"x5t":"abc")";
  // Signed by the attacker, naming the legit kid, the attacker's kid, or none.
  const std::pair<std::string, ErrorCode> forged[] = {
      {R"({"alg":"ES256","kid":")" + legit.kid + "\"" + embedded + "}", ErrorCode::bad_signature},
      {R"({"alg":"ES256")" + embedded + "}", ErrorCode::bad_signature},
      {R"({"alg":"ES256","kid":"attacker-key")" + embedded + "}", ErrorCode::key_not_found},
      {R"({"alg":"ES256","kid":")" + legit.kid + "\"" + urls + "}", ErrorCode::bad_signature},
      {R"({"alg":"ES256","kid":"attacker-key")" + urls + "}", ErrorCode::key_not_found},
  };
  for (const auto& [header, code] : forged) require_refused(v, signed_token(attacker, Alg::ES256, header, claims), code, header);
  // The same headers on a token the legit key signed: they are ignored, the token verifies.
  for (const auto& extra : {embedded, urls}) {
    const std::string header = R"({"alg":"ES256","kid":")" + legit.kid + "\"" + extra + "}";
    auto r = v.verify(signed_token(legit, Alg::ES256, header, claims));
    BOOST_TEST(r.ok(), (r.ok() ? "" : r.error().message));
  }
}

BOOST_AUTO_TEST_CASE(hostile_kids_are_just_unknown) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  for (const std::string& kid : {std::string("../../../../etc/passwd"), std::string("' OR '1'='1"), std::string("\\u0000"),
                                std::string("test-key\\u0000"), std::string("*"), std::string("%s%s%n"),
                                std::string("\\r\\nX-Injected: 1"), std::string(5000, 'k')}) {
    const std::string header = R"({"alg":"ES256","kid":")" + kid + "\"}";
    const std::string token = signed_token(key, Alg::ES256, header, auth0_claims().str());
    auto r = v.verify(token);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.error().code == ErrorCode::key_not_found);
    // The message quotes the kid escaped and cut short.
    BOOST_TEST(r.error().message.size() < 300u);
    BOOST_TEST(r.error().message.find('\n') == std::string::npos);
    BOOST_TEST(r.error().message.find('\r') == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(duplicate_claims_and_headers) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  std::string claims = auth0_claims().str();
  // A second exp (expired) after the good one; a second aud; an escaped second iss.
  for (const std::string& extra : {std::string(R"(,"exp":1)"), std::string(R"(,"aud":"https://evil")"),
                                  std::string(R"(,"\u0069ss":"https://evil/")")}) {
    const std::string dup = claims.substr(0, claims.size() - 1) + extra + "}";
    require_refused(v, signed_token(key, Alg::ES256, jose_header_json(Alg::ES256, key.kid), dup), ErrorCode::duplicate_member, extra);
  }
  const std::string header = R"({"alg":"ES256","kid":")" + key.kid + R"(","kid":"other"})";
  require_refused(v, signed_token(key, Alg::ES256, header, claims), ErrorCode::duplicate_member, "duplicate kid");
  const std::string alg_twice = R"({"alg":"none","kid":")" + key.kid + R"(","alg":"ES256"})";
  require_refused(v, signed_token(key, Alg::ES256, alg_twice, claims), ErrorCode::duplicate_member, "duplicate alg");
}

BOOST_AUTO_TEST_CASE(size_and_depth_bombs) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  // Correctly signed, but too large.
  const std::string big = auth0_token(key, Alg::ES256, auth0_claims().set_string("pad", std::string(13000, 'p')));
  BOOST_REQUIRE(big.size() > Limits{}.max_token_bytes);
  require_refused(v, big, ErrorCode::token_too_large, "16 KiB + token");
  // Correctly signed, nested one level deeper than the limit.
  const std::string deep = std::string(16, '[') + std::string(16, ']');
  require_refused(v, auth0_token(key, Alg::ES256, auth0_claims().set("deep", deep)), ErrorCode::json_too_deep, "deep claims");
  BOOST_TEST(v.verify(auth0_token(key, Alg::ES256, auth0_claims().set("deep", deep.substr(1, 30)))).ok());
  const std::string deep_header = R"({"alg":"ES256","kid":")" + key.kid + R"(","x":)" + deep + "}";
  require_refused(v, signed_token(key, Alg::ES256, deep_header, auth0_claims().str()), ErrorCode::json_too_deep, "deep header");
  // Unsigned garbage far beyond the limit is refused before any decoding.
  require_refused(v, std::string(10'000'000, 'A'), ErrorCode::token_too_large, "10 MB");
  require_refused(v, "eyJ" + std::string(100'000, '['), ErrorCode::token_too_large, "bracket flood");
}

BOOST_AUTO_TEST_CASE(signature_stripping_and_splicing) {
  const TestKey& key = cached_test_key(Alg::RS256);
  const TestKey& other = cached_test_key(Alg::PS256);
  const Verifier v = make_verifier(key_set_of({&key}));
  const std::string good = auth0_token(key, Alg::RS256);
  BOOST_REQUIRE(v.verify(good).ok());
  const std::string head_payload = good.substr(0, good.rfind('.'));
  require_refused(v, head_payload + ".", ErrorCode::malformed_token, "signature removed");
  require_refused(v, head_payload, ErrorCode::malformed_token, "signature segment removed");
  require_refused(v, good + ".", ErrorCode::malformed_token, "extra segment");
  require_refused(v, good + "\n", ErrorCode::malformed_token, "trailing newline");
  require_refused(v, " " + good, ErrorCode::malformed_token, "leading space");
  // A signature over other claims, spliced onto these.
  const std::string evil = auth0_token(key, Alg::RS256, auth0_claims().set_string("scope", "admin"));
  const std::string spliced = evil.substr(0, evil.rfind('.')) + good.substr(good.rfind('.'));
  require_refused(v, spliced, ErrorCode::bad_signature, "spliced signature");
  // Signed by another RSA key under this kid (PS256 key, RS256 alg).
  require_refused(v, signed_token(other, Alg::RS256, jose_header_json(Alg::RS256, key.kid), auth0_claims().str()),
                  ErrorCode::bad_signature, "wrong RSA key");
  // PKCS#1 v1.5 signature relabelled PS256 (and the key is bound to RS256 anyway).
  Policy both = auth0_policy();
  both.algorithms = {Alg::RS256, Alg::PS256};
  const Verifier v2 = make_verifier(key_set_of({&key}), both);
  const std::string relabelled = b64url(jose_header_json(Alg::PS256, key.kid)) + good.substr(good.find('.'));
  require_refused(v2, relabelled, ErrorCode::key_mismatch, "RS256 signature relabelled PS256");
}

BOOST_AUTO_TEST_SUITE_END()
