// Which requests need a proof (RFC 9449 §7.1): a bound token is never a bearer token, under
// every BindingMode; and the whole resource-server path, from a verified access token's cnf.jkt
// to its proof.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

const TestKey& token_key() { return cached_test_key(Alg::RS256); }

VerifiedToken verified(const ClaimsJson& claims) {
  const Verifier verifier = make_verifier(key_set_of({&token_key()}));
  auto token = verifier.verify(auth0_token(token_key(), Alg::RS256, claims));
  BOOST_REQUIRE_MESSAGE(token.ok(), (token.ok() ? std::string() : token.error().message));
  return *token;
}

// The resource server's path: binding rule, then (if needed) the proof.
std::string serve(BindingMode mode, const VerifiedToken& token, std::string_view access_token, std::string_view proof) {
  auto jkt = dpop_bound_key(token);
  if (!jkt) return code_of(jkt);
  auto must_verify = check_dpop_binding(mode, jkt->has_value(), !proof.empty());
  if (!must_verify) return code_of(must_verify);
  if (!*must_verify) return "bearer";
  DpopRequest req = request(proof);
  req.access_token = access_token;
  return code_of(make_dpop_verifier().verify(req, **jkt));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_binding)

BOOST_AUTO_TEST_CASE(binding_rules_per_mode) {
  for (BindingMode mode : {BindingMode::off, BindingMode::allowed, BindingMode::required}) {
    BOOST_TEST_CONTEXT("mode " << static_cast<int>(mode)) {
      // A bound token without its proof: never accepted.
      BOOST_TEST(code_of(check_dpop_binding(mode, true, false)) == "dpop_proof_missing");
    }
  }
  BOOST_TEST(code_of(check_dpop_binding(BindingMode::off, true, true)) == "dpop_disabled");
  BOOST_TEST(*check_dpop_binding(BindingMode::allowed, true, true));
  BOOST_TEST(*check_dpop_binding(BindingMode::required, true, true));
  // Bearer tokens.
  BOOST_TEST(!*check_dpop_binding(BindingMode::off, false, false));
  BOOST_TEST(!*check_dpop_binding(BindingMode::off, false, true));
  BOOST_TEST(!*check_dpop_binding(BindingMode::allowed, false, false));
  BOOST_TEST(!*check_dpop_binding(BindingMode::allowed, false, true));
  BOOST_TEST(code_of(check_dpop_binding(BindingMode::required, false, false)) == "dpop_binding_required");
  BOOST_TEST(code_of(check_dpop_binding(BindingMode::required, false, true)) == "dpop_binding_required");
}

BOOST_AUTO_TEST_CASE(binding_modes_by_name) {
  for (BindingMode mode : {BindingMode::off, BindingMode::allowed, BindingMode::required}) {
    BOOST_TEST((binding_mode_from_name(binding_mode_name(mode)) == mode));
  }
  BOOST_TEST(binding_mode_name(BindingMode::required) == "required");
  for (const char* other : {"", "Off", "ALLOWED", "require", "required ", "none"}) {
    BOOST_TEST_CONTEXT(other) { BOOST_TEST(!binding_mode_from_name(other).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(bound_key_read_from_the_verified_token) {
  const TestKey& proof_key = cached_test_key(Alg::ES256);
  const std::string jkt = jkt_of(proof_key);
  const VerifiedToken bound = verified(auth0_claims().set("cnf", R"({"jkt":")" + jkt + R"("})"));
  auto read = dpop_bound_key(bound);
  BOOST_REQUIRE(read.ok());
  BOOST_REQUIRE(read->has_value());
  BOOST_TEST(**read == jkt);

  auto none = dpop_bound_key(verified(auth0_claims()));
  BOOST_REQUIRE(none.ok());
  BOOST_TEST(!none->has_value());
  auto other_cnf = dpop_bound_key(verified(auth0_claims().set("cnf", R"({"x5t#S256":"abc"})")));
  BOOST_REQUIRE(other_cnf.ok());
  BOOST_TEST(!other_cnf->has_value());
  BOOST_TEST(code_of(dpop_bound_key(verified(auth0_claims().set("cnf", R"("jkt")")))) == "invalid_claim");
  BOOST_TEST(code_of(dpop_bound_key(verified(auth0_claims().set("cnf", R"({"jkt":7})")))) == "invalid_claim");
  BOOST_TEST(code_of(dpop_bound_key(verified(auth0_claims().set("cnf", R"({"jkt":""})")))) == "invalid_claim");
}

BOOST_AUTO_TEST_CASE(resource_server_path_under_each_mode) {
  const TestKey& proof_key = cached_test_key(Alg::ES256);
  const ClaimsJson bound_claims = auth0_claims().set("cnf", R"({"jkt":")" + jkt_of(proof_key) + R"("})");
  const std::string bound_token = auth0_token(token_key(), Alg::RS256, bound_claims);
  const VerifiedToken bound = verified(bound_claims);
  const std::string bearer_token = auth0_token(token_key(), Alg::RS256);
  const VerifiedToken bearer = verified(auth0_claims());

  // The proof, with ath of the bound token.
  const std::string proof =
      make_proof(proof_key, Alg::ES256, proof_claims().set_string("ath", sha256_b64url(bound_token)));
  for (BindingMode mode : {BindingMode::allowed, BindingMode::required}) {
    BOOST_TEST_CONTEXT("mode " << static_cast<int>(mode)) {
      BOOST_TEST(serve(mode, bound, bound_token, proof) == "ok");
      BOOST_TEST(serve(mode, bound, bound_token, "") == "dpop_proof_missing");
      // A proof by another key than the bound one.
      const TestKey& other = cached_test_key(Alg::ES384);
      const std::string foreign =
          make_proof(other, Alg::ES384, proof_claims().set_string("ath", sha256_b64url(bound_token)));
      BOOST_TEST(serve(mode, bound, bound_token, foreign) == "dpop_key_mismatch");
    }
  }
  BOOST_TEST(serve(BindingMode::off, bound, bound_token, "") == "dpop_proof_missing");
  BOOST_TEST(serve(BindingMode::off, bound, bound_token, proof) == "dpop_disabled");
  BOOST_TEST(serve(BindingMode::off, bearer, bearer_token, "") == "bearer");
  BOOST_TEST(serve(BindingMode::allowed, bearer, bearer_token, "") == "bearer");
  BOOST_TEST(serve(BindingMode::required, bearer, bearer_token, proof) == "dpop_binding_required");
}

BOOST_AUTO_TEST_SUITE_END()
