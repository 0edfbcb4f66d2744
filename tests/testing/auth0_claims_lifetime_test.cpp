// Auth0Claims: exp = iat + lifetime never overflows (signed overflow is undefined behaviour); an
// absurd lifetime saturates at the int64 range instead of wrapping to a far-past or far-future exp.
#include <jwtcheck/testing/mint.hpp>

#include <boost/test/unit_test.hpp>
#include <rapidjson/document.h>

#include <cstdint>
#include <limits>

using jwtcheck::testing::Auth0Claims;

namespace {

std::int64_t exp_of(const Auth0Claims& claims) {
  rapidjson::Document doc;
  const std::string json = claims.to_json();
  doc.Parse(json.c_str(), json.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject() && doc.HasMember("exp"), json);
  BOOST_REQUIRE_MESSAGE(doc["exp"].IsInt64(), json);
  return doc["exp"].GetInt64();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(auth0_claims_lifetime)

BOOST_AUTO_TEST_CASE(exp_saturates_instead_of_wrapping) {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  Auth0Claims claims;
  claims.issuer = "https://tenant.example/";
  claims.client_id = "client-1";
  claims.issued_at = 1700000000;
  claims.lifetime_seconds = max;
  BOOST_TEST(exp_of(claims) == max);
  claims.issued_at = -1700000000;
  claims.lifetime_seconds = min;
  BOOST_TEST(exp_of(claims) == min);
  claims.issued_at = 1700000000;
  claims.lifetime_seconds = 3600;  // in range: exactly the sum
  BOOST_TEST(exp_of(claims) == 1700003600);
}

BOOST_AUTO_TEST_SUITE_END()
