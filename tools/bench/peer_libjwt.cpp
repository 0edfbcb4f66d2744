// libjwt 1.10: jwt_decode() with the key (PEM for RS/ES, the secret for HS) verifies the signature;
// the caller must then check the alg (the library's README insists) and every claim itself.
// The key is passed as PEM on every call: that is the API, so libjwt parses it on every call.
#include "peer_cases.hpp"

#include <jwt.h>

#include <cerrno>
#include <memory>
#include <optional>

namespace bench {
namespace {

using jwtcheck::Alg;

struct JwtFree {
  void operator()(jwt_t* j) const noexcept { jwt_free(j); }
};

std::string_view grant(jwt_t* token, const char* name) {
  const char* value = jwt_get_grant(token, name);
  return value ? std::string_view(value) : std::string_view();
}

bool claims_acceptable(jwt_t* token, const ExpectedClaims& e) {
  if (grant(token, "iss") != e.issuer || grant(token, "aud") != e.audience) return false;
  if (!subject_is_client(grant(token, "sub"), grant(token, "azp"), e)) return false;
  if (grant(token, "gty") != e.gty || !scope_grants(grant(token, "scope"), e.required_scope)) return false;
  errno = 0;
  const long exp = jwt_get_grant_int(token, "exp");
  const long iat = jwt_get_grant_int(token, "iat");
  return errno == 0 && times_acceptable(exp, iat, e);
}

std::optional<jwt_alg_t> libjwt_alg(Alg alg) {
  switch (alg) {
    case Alg::RS256: return JWT_ALG_RS256;
    case Alg::ES256: return JWT_ALG_ES256;
    case Alg::HS256: return JWT_ALG_HS256;
    default: return std::nullopt;  // 1.10 has no PS* and no EdDSA
  }
}

}  // namespace

std::vector<BenchCase> libjwt_cases(const AlgFixture& fixture) {
  const auto alg = libjwt_alg(fixture.alg);
  if (!alg) return {};
  const std::string key = jwtcheck::is_hmac(fixture.alg) ? fixture.hmac_secret : fixture.public_pem;
  const ExpectedClaims expected = fixture.expected;
  const jwt_alg_t want = *alg;
  return {{"peer: libjwt 1.10", CaseKind::peer, [key, expected, want] {
             return VerifyFn([key, expected, want](const Sample& s) {
               jwt_t* raw = nullptr;
               if (jwt_decode(&raw, s.token.c_str(), reinterpret_cast<const unsigned char*>(key.data()),
                              static_cast<int>(key.size())) != 0)
                 return false;
               std::unique_ptr<jwt_t, JwtFree> token(raw);
               return jwt_get_alg(token.get()) == want && claims_acceptable(token.get(), expected);
             });
           }, {}, 1}};
}

}  // namespace bench
