// cpp-jwt 1.4: jwt::decode() with the allowed algorithms, the key, and the issuer / audience /
// leeway parameters, as its README shows; it checks exp itself. The error_code overload is used
// (no exceptions on a bad token). The key is passed as PEM, which cpp-jwt parses on every call.
#include "peer_cases.hpp"

#include <jwt/jwt.hpp>

namespace bench {
namespace {

using jwtcheck::Alg;

std::string string_claim(const jwt::jwt_payload& payload, const char* name) {
  return payload.has_claim(name) ? payload.get_claim_value<std::string>(name) : std::string();
}

bool claims_acceptable(const jwt::jwt_object& token, const ExpectedClaims& e) {
  const auto& payload = token.payload();
  if (!payload.has_claim("exp") || !payload.has_claim("iat")) return false;
  if (!subject_is_client(string_claim(payload, "sub"), string_claim(payload, "azp"), e)) return false;
  if (string_claim(payload, "gty") != e.gty || !scope_grants(string_claim(payload, "scope"), e.required_scope))
    return false;
  return times_acceptable(payload.get_claim_value<std::int64_t>("exp"), payload.get_claim_value<std::int64_t>("iat"), e);
}

}  // namespace

std::vector<BenchCase> cppjwt_cases(const AlgFixture& fixture) {
  if (fixture.alg != Alg::RS256 && fixture.alg != Alg::ES256 && fixture.alg != Alg::HS256) return {};  // no PS*, no EdDSA
  const std::string key = jwtcheck::is_hmac(fixture.alg) ? fixture.hmac_secret : fixture.public_pem;
  const std::string alg(jwtcheck::alg_name(fixture.alg));
  const ExpectedClaims expected = fixture.expected;
  return {{"peer: cpp-jwt 1.4", CaseKind::peer, [key, alg, expected] {
             return VerifyFn([key, alg, expected](const Sample& s) {
               using namespace jwt::params;
               try {
                 std::error_code ec;
                 auto token = jwt::decode(s.token, algorithms({alg}), ec, secret(key), issuer(expected.issuer),
                                          aud(expected.audience), leeway(static_cast<std::uint32_t>(expected.leeway_seconds)),
                                          verify(true));
                 return !ec && claims_acceptable(token, expected);
               } catch (const std::exception&) {
                 return false;  // claim type errors still throw
               }
             });
           }, {}, 1}};
}

}  // namespace bench
