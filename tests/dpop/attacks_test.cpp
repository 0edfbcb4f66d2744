// Proofs an attacker could send: each is refused with its own code, and no input crashes.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"
#include "support/token_builder.hpp"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

const TestKey& es256() { return cached_test_key(Alg::ES256); }

// Verifies `proof` for request() with a fresh verifier (an empty replay cache).
Result<DpopProof> check(std::string_view proof, std::string_view jkt = {}) {
  return make_dpop_verifier().verify(request(proof), jkt.empty() ? std::string_view(jkt_of(es256())) : jkt);
}

std::string jwk_with(std::string_view extra_member) {
  std::string jwk = es256().public_jwk;
  jwk.insert(jwk.size() - 1, "," + std::string(extra_member));
  return jwk;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_attacks)

BOOST_AUTO_TEST_CASE(a_well_made_proof_passes) {
  auto proof = check(make_proof(es256(), Alg::ES256));
  BOOST_REQUIRE_MESSAGE(proof.ok(), code_of(proof) << ": " << (proof.ok() ? "" : proof.error().message));
  BOOST_TEST(proof->jkt == jkt_of(es256()));
  BOOST_TEST(proof->htm == kMethod);
  BOOST_TEST(proof->htu == kUrl);
  BOOST_TEST(proof->iat == kNow);
}

BOOST_AUTO_TEST_CASE(signed_by_another_key_than_its_jwk) {
  const TestKey other = generate_test_key(Alg::ES256, "other");
  const std::string proof = make_proof(other, Alg::ES256, proof_header("ES256", es256().public_jwk), proof_claims());
  BOOST_TEST(code_of(check(proof)) == "dpop_bad_signature");
  // A signature byte flipped.
  std::string flipped = make_proof(es256(), Alg::ES256);
  flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
  BOOST_TEST(code_of(check(flipped)) == "dpop_bad_signature");
  // Claims swapped under the original signature.
  const std::string good = make_proof(es256(), Alg::ES256);
  const std::string spliced = good.substr(0, good.find('.') + 1) + b64url(proof_claims("other-jti").str()) +
                              good.substr(good.rfind('.'));
  BOOST_TEST(code_of(check(spliced)) == "dpop_bad_signature");
}

BOOST_AUTO_TEST_CASE(wrong_htm) {
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_string("htm", "GET")))) ==
             "dpop_htm_mismatch");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_string("htm", "post")))) ==
             "dpop_htm_mismatch");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().remove("htm")))) == "dpop_htm_mismatch");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set("htm", "1")))) == "dpop_htm_mismatch");
}

BOOST_AUTO_TEST_CASE(wrong_ath) {
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_string("ath", sha256_b64url("other"))))) ==
             "dpop_ath_mismatch");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().remove("ath")))) == "dpop_ath_mismatch");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set("ath", "[]")))) == "dpop_ath_mismatch");
}

BOOST_AUTO_TEST_CASE(stale_and_future_iat) {
  // Window 300 s + leeway 30 s.
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_number("iat", kNow - 331)))) ==
             "dpop_iat_invalid");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_number("iat", kNow + 331)))) ==
             "dpop_iat_invalid");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_number("iat", kNow - 330)))) == "ok");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_number("iat", kNow + 330)))) == "ok");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().remove("iat")))) == "dpop_iat_invalid");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set_string("iat", "1700000000")))) ==
             "dpop_iat_invalid");
}

BOOST_AUTO_TEST_CASE(jwk_with_private_members) {
  for (const char* member : {R"("d":"AAAA")", R"("p":"AAAA")", R"("q":"AAAA")", R"("dp":"AAAA")", R"("dq":"AAAA")",
                             R"("qi":"AAAA")", R"("k":"AAAA")"}) {
    BOOST_TEST_CONTEXT(member) {
      const std::string proof = make_proof(es256(), Alg::ES256, proof_header("ES256", jwk_with(member)), proof_claims());
      BOOST_TEST(code_of(check(proof)) == "dpop_key_invalid");
    }
  }
  // A jwk that is not an object, and none at all.
  const std::string proof = make_proof(es256(), Alg::ES256, proof_header("ES256", "\"a string\""), proof_claims());
  BOOST_TEST(code_of(check(proof)) == "dpop_key_invalid");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, R"({"typ":"dpop+jwt","alg":"ES256"})", proof_claims()))) ==
             "dpop_key_invalid");
  // An oct key (a shared secret) is never a proof key.
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_header("ES256", R"({"kty":"oct","k":"c2VjcmV0"})"),
                                      proof_claims()))) == "dpop_key_invalid");
}

BOOST_AUTO_TEST_CASE(alg_none_hs256_and_mismatched_algs) {
  // alg none: no signature at all.
  const std::string header = proof_header("none", es256().public_jwk);
  BOOST_TEST(code_of(check(b64url(header) + "." + b64url(proof_claims().str()) + ".")) == "dpop_proof_malformed");
  BOOST_TEST(code_of(check(compact_token(header, proof_claims().str()))) == "dpop_alg_not_allowed");
  // HS256 keyed with the jwk's own text (the RS/HS confusion attack) or any secret.
  const TestKey hs = generate_test_key(Alg::HS256, "hs");
  const std::string hs_proof =
      b64url(proof_header("HS256", es256().public_jwk)) + "." + b64url(proof_claims().str());
  BOOST_TEST(code_of(check(hs_proof + "." + sign_for_test(hs, Alg::HS256, hs_proof))) == "dpop_alg_not_allowed");
  // RS256 named over an EC key, ES384 over a P-256 key: the token never picks the key type.
  const TestKey& rsa = cached_test_key(Alg::RS256);
  BOOST_TEST(code_of(check(make_proof(rsa, Alg::RS256, proof_header("RS256", es256().public_jwk), proof_claims()))) ==
             "dpop_alg_not_allowed");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_header("ES384", es256().public_jwk), proof_claims()))) ==
             "dpop_alg_not_allowed");
  // Not in the allow-list.
  DpopOptions only_eddsa;
  only_eddsa.algorithms = {Alg::EdDSA};
  BOOST_TEST(code_of(make_dpop_verifier(only_eddsa).verify(request(make_proof(es256(), Alg::ES256)), jkt_of(es256()))) ==
             "dpop_alg_not_allowed");
  // HS* cannot even be configured.
  DpopOptions with_hmac;
  with_hmac.algorithms = {Alg::ES256, Alg::HS256};
  auto created = DpopVerifier::create(with_hmac);
  BOOST_TEST(code_of(created) == "invalid_policy");
}

BOOST_AUTO_TEST_CASE(typ_must_be_dpop_jwt) {
  for (std::string_view typ : {"JWT", "DPOP+JWT", "at+jwt", "dpop"}) {
    BOOST_TEST_CONTEXT(typ) {
      BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_header("ES256", es256().public_jwk, typ),
                                          proof_claims()))) == "dpop_typ_mismatch");
    }
  }
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_header("ES256", es256().public_jwk, ""),
                                      proof_claims()))) == "dpop_typ_mismatch");
}

BOOST_AUTO_TEST_CASE(cnf_jkt_mismatch) {
  const TestKey other = generate_test_key(Alg::ES256, "other");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256), jkt_of(other))) == "dpop_key_mismatch");
  // An access token with no cnf.jkt cannot be used with a proof as if it were bound.
  auto unbound = make_dpop_verifier().verify(request(make_proof(es256(), Alg::ES256)), {});
  BOOST_TEST(code_of(unbound) == "dpop_key_mismatch");
}

BOOST_AUTO_TEST_CASE(nonce_expected_by_the_server) {
  const DpopVerifier verifier = make_dpop_verifier();
  const std::string without = make_proof(es256(), Alg::ES256);
  DpopRequest req = request(without);
  req.nonce = "server-nonce-1";
  BOOST_TEST(code_of(verifier.verify(req, jkt_of(es256()))) == "dpop_nonce_mismatch");  // no nonce in the proof
  const std::string wrong = make_proof(es256(), Alg::ES256, proof_claims("j2").set_string("nonce", "server-nonce-0"));
  req.proof = wrong;
  BOOST_TEST(code_of(verifier.verify(req, jkt_of(es256()))) == "dpop_nonce_mismatch");
  const std::string right = make_proof(es256(), Alg::ES256, proof_claims("j3").set_string("nonce", "server-nonce-1"));
  req.proof = right;
  BOOST_TEST(code_of(verifier.verify(req, jkt_of(es256()))) == "ok");
  // require_nonce: a request for which the server issued no nonce is refused.
  DpopOptions options;
  options.require_nonce = true;
  BOOST_TEST(code_of(make_dpop_verifier(options).verify(request(right), jkt_of(es256()))) == "dpop_nonce_mismatch");
}

BOOST_AUTO_TEST_CASE(missing_oversized_and_malformed_proofs) {
  BOOST_TEST(code_of(check("")) == "dpop_proof_missing");
  // Oversized: refused before decoding.
  DpopOptions small;
  small.max_proof_bytes = 256;
  const std::string proof = make_proof(es256(), Alg::ES256);
  BOOST_REQUIRE(proof.size() > 256);
  BOOST_TEST(code_of(make_dpop_verifier(small).verify(request(proof), jkt_of(es256()))) == "dpop_proof_malformed");
  BOOST_TEST(code_of(check(std::string(20000, 'A'))) == "dpop_proof_malformed");
  // Segments.
  BOOST_TEST(code_of(check(proof.substr(0, proof.rfind('.')))) == "dpop_proof_malformed");  // 2 segments
  BOOST_TEST(code_of(check(proof + ".x.y")) == "dpop_proof_malformed");                     // 5 segments (JWE)
  BOOST_TEST(code_of(check("..")) == "dpop_proof_malformed");
  // Not JSON, not an object, bad base64url, duplicate members, jti missing.
  BOOST_TEST(code_of(check(compact_token("not json", proof_claims().str()))) == "dpop_proof_malformed");
  BOOST_TEST(code_of(check(compact_token("[1]", proof_claims().str()))) == "dpop_proof_malformed");
  BOOST_TEST(code_of(check("eyJ+/.eyJ.c2ln")) == "dpop_proof_malformed");
  const std::string duplicate = R"({"typ":"dpop+jwt","typ":"dpop+jwt","alg":"ES256","jwk":)" + es256().public_jwk + "}";
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, duplicate, proof_claims()))) == "dpop_proof_malformed");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().remove("jti")))) == "dpop_proof_malformed");
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, proof_claims().set("jti", "7")))) == "dpop_proof_malformed");
  // crit: no extension is understood.
  const std::string crit = R"({"typ":"dpop+jwt","alg":"ES256","crit":["x"],"x":1,"jwk":)" + es256().public_jwk + "}";
  BOOST_TEST(code_of(check(make_proof(es256(), Alg::ES256, crit, proof_claims()))) == "dpop_proof_malformed");
}

BOOST_AUTO_TEST_CASE(random_bytes_never_crash) {
  const DpopVerifier verifier = make_dpop_verifier();
  std::mt19937 random(20240601);
  const std::string good = make_proof(es256(), Alg::ES256);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
  int refused = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string input;
    switch (i % 3) {
      case 0:  // random bytes
        for (int n = static_cast<int>(random() % 300); n > 0; --n) input += static_cast<char>(random() % 256);
        break;
      case 1:  // random base64url text with dots
        for (int n = static_cast<int>(random() % 600); n > 0; --n) input += alphabet[random() % alphabet.size()];
        break;
      default:  // the good proof with a few bytes changed
        input = good;
        for (int n = 1 + static_cast<int>(random() % 3); n > 0; --n) input[random() % input.size()] = alphabet[random() % alphabet.size()];
    }
    auto r = verifier.verify(request(input), jkt_of(es256()));
    if (!r) ++refused;
  }
  BOOST_TEST(refused >= 1999);  // only the good proof itself may pass, once (a byte replaced by itself)
}

BOOST_AUTO_TEST_SUITE_END()
