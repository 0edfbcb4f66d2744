// POCO JWT 1.11: one Poco::JWT::Signer built at start-up with the public key (or HMAC secret) and
// only the expected algorithm allowed, then tryVerify() per token, as the POCO documentation shows.
// Signer checks only the signature; the claims are checked through Poco::JWT::Token's accessors.
#include "peer_cases.hpp"

#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <algorithm>
#include <memory>
#include <sstream>

namespace bench {
namespace {

using jwtcheck::Alg;

std::string payload_string(const Poco::JWT::Token& token, const std::string& name) {
  return token.payload().optValue<std::string>(name, std::string());
}

bool claims_acceptable(const Poco::JWT::Token& token, const ExpectedClaims& e) {
  const auto audiences = token.getAudience();
  if (token.getIssuer() != e.issuer || std::find(audiences.begin(), audiences.end(), e.audience) == audiences.end())
    return false;
  if (!subject_is_client(token.getSubject(), payload_string(token, "azp"), e)) return false;
  if (payload_string(token, "gty") != e.gty || !scope_grants(payload_string(token, "scope"), e.required_scope)) return false;
  if (!token.payload().has("exp") || !token.payload().has("iat")) return false;
  return times_acceptable(token.getExpiration().epochTime(), token.getIssuedAt().epochTime(), e);
}

std::shared_ptr<Poco::JWT::Signer> make_signer(const AlgFixture& f) {
  std::shared_ptr<Poco::JWT::Signer> signer;
  if (f.alg == Alg::HS256) {
    signer = std::make_shared<Poco::JWT::Signer>(f.hmac_secret);
  } else if (f.alg == Alg::RS256) {
    std::istringstream pem(f.public_pem);
    signer = std::make_shared<Poco::JWT::Signer>(Poco::SharedPtr<Poco::Crypto::RSAKey>(new Poco::Crypto::RSAKey(&pem)));
  } else {
    std::istringstream pem(f.public_pem);
    signer = std::make_shared<Poco::JWT::Signer>(Poco::SharedPtr<Poco::Crypto::ECKey>(new Poco::Crypto::ECKey(&pem)));
  }
  signer->setAlgorithms({std::string(jwtcheck::alg_name(f.alg))});  // only this alg: no RS/HS confusion
  return signer;
}

}  // namespace

std::vector<BenchCase> poco_cases(const AlgFixture& fixture) {
  if (fixture.alg != Alg::RS256 && fixture.alg != Alg::ES256 && fixture.alg != Alg::HS256) return {};  // no PS*, no EdDSA
  std::shared_ptr<const Poco::JWT::Signer> signer;
  try {
    signer = make_signer(fixture);
  } catch (const std::exception& e) {
    fail(std::string("POCO cannot load the key: ") + e.what());
  }
  const ExpectedClaims expected = fixture.expected;
  return {{"peer: POCO JWT 1.11", CaseKind::peer, [signer, expected] {
             return VerifyFn([signer, expected](const Sample& s) {
               try {
                 Poco::JWT::Token token;
                 return signer->tryVerify(s.token, token) && claims_acceptable(token, expected);
               } catch (const std::exception&) {
                 return false;  // malformed JSON and the like throw
               }
             });
           }, {}, 1}};
}

}  // namespace bench
