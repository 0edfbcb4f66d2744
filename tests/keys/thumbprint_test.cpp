// RFC 7638 thumbprints against the RFCs' own examples.
#include "keys/public_key.hpp"
#include "keys/thumbprint.hpp"

#include "base64url.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;

BOOST_AUTO_TEST_SUITE(thumbprint)

// RFC 7638 §3.1.
BOOST_AUTO_TEST_CASE(rfc7638_example) {
  const std::string n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMs"
      "tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5h"
      "ajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
  const std::string jwk = R"({"kty":"RSA","n":")" + n + R"(","e":"AQAB","alg":"RS256","kid":"2011-04-29"})";
  auto key = parse_jwk(jwk);
  BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
  BOOST_TEST(key->thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  BOOST_TEST(key->kid() == "2011-04-29");
  // The hashed input is exactly the canonical form of §3.1.
  detail::RsaComponents rsa{*detail::base64url_decode(n), *detail::base64url_decode("AQAB")};
  BOOST_TEST(detail::thumbprint_input(rsa) == R"({"e":"AQAB","kty":"RSA","n":")" + n + R"("})");
}

// RFC 8037 Appendix A.3 (Ed25519).
BOOST_AUTO_TEST_CASE(rfc8037_okp_example) {
  auto key = parse_jwk(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
  BOOST_REQUIRE(key.ok());
  BOOST_TEST(key->thumbprint() == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

// The EC canonical form orders crv, kty, x, y (RFC 7638 §3.2).
BOOST_AUTO_TEST_CASE(ec_canonical_member_order) {
  detail::EcComponents ec{"P-256", std::string(32, '\x01'), std::string(32, '\x02')};
  const std::string input = detail::thumbprint_input(ec);
  BOOST_TEST(input.find(R"({"crv":"P-256","kty":"EC","x":")") == 0U);
  BOOST_TEST(input.find(R"(","y":")") != std::string::npos);
  BOOST_TEST(detail::jwk_thumbprint(ec).size() == 43U);
}

BOOST_AUTO_TEST_CASE(hmac_keys_have_no_thumbprint) {
  auto key = hmac_key(std::string(32, 's'), Alg::HS256);
  BOOST_REQUIRE(key.ok());
  BOOST_TEST(key->thumbprint().empty());
}

BOOST_AUTO_TEST_SUITE_END()
