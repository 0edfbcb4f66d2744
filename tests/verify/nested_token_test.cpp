// A header "cty" of "JWT" says the payload is another JWT (RFC 7519 §5.2, §7.2 step 8): the claims
// are in the nested token, not in the payload. jwtcheck does not unwrap nested tokens, so it must
// refuse such a token rather than read the outer payload as the claims. Media types compare
// case-insensitively, "application/" optional (RFC 7515 §4.1.10).
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::test;

BOOST_AUTO_TEST_SUITE(nested_token)

BOOST_AUTO_TEST_CASE(cty_jwt_is_refused_by_verify_and_check) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  const std::string claims = auth0_claims().str();
  for (const std::string cty : {"JWT", "jwt", "application/JWT", "Application/jwt"}) {
    BOOST_TEST_CONTEXT(cty) {
      const std::string header = R"({"alg":"ES256","kid":")" + key.kid + R"(","cty":")" + cty + R"("})";
      const std::string token = signed_token(key, Alg::ES256, header, claims);
      auto r = v.verify(token);
      BOOST_TEST(!r.ok(), "a nested token was accepted");
      if (!r.ok()) {
        BOOST_TEST(r.error().code == ErrorCode::invalid_header, r.error().message);
        BOOST_TEST(r.error().message.find("cty") != std::string::npos, r.error().message);
      }
      const Report report = v.check(token);
      BOOST_TEST(!report.valid);
      BOOST_TEST_REQUIRE(!report.errors.empty());
      BOOST_TEST(report.errors.front().code == ErrorCode::invalid_header);
    }
  }
}

BOOST_AUTO_TEST_CASE(other_cty_values_are_no_nesting) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  for (const std::string cty : {"json", "application/json", "JWTX", "application/vnd.example+jwt"}) {
    const std::string header = R"({"alg":"ES256","kid":")" + key.kid + R"(","cty":")" + cty + R"("})";
    auto r = v.verify(signed_token(key, Alg::ES256, header, auth0_claims().str()));
    BOOST_TEST(r.ok(), cty + ": " + (r.ok() ? "" : r.error().message));
  }
}

BOOST_AUTO_TEST_SUITE_END()
