#include "verify_fixture.hpp"


#include <algorithm>
#include <stdexcept>

namespace jwtcheck::test {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

ClaimsJson& ClaimsJson::set(std::string_view name, std::string raw_json) {
  auto it = std::find_if(members_.begin(), members_.end(), [&](const auto& m) { return m.first == name; });
  if (it != members_.end()) it->second = std::move(raw_json);
  else members_.emplace_back(std::string(name), std::move(raw_json));
  return *this;
}

ClaimsJson& ClaimsJson::remove(std::string_view name) {
  std::erase_if(members_, [&](const auto& m) { return m.first == name; });
  return *this;
}

std::string ClaimsJson::str() const {
  std::string out = "{";
  for (const auto& [name, value] : members_) out += (out.size() > 1 ? "," : "") + quoted(name) + ":" + value;
  return out + "}";
}

ClaimsJson auth0_claims() {
  ClaimsJson c;
  c.set_string("iss", kIssuer)
      .set_string("sub", std::string(kClientId) + "@clients")
      .set_string("aud", kAudience)
      .set_number("iat", kNow - 60)
      .set_number("exp", kNow + 3600)
      .set_string("azp", kClientId)
      .set_string("gty", "client-credentials")
      .set_string("scope", "read:reports write:reports");
  return c;
}

Policy auth0_policy() {
  Policy p;
  p.issuer = std::string(kIssuer);
  p.audiences = {std::string(kAudience)};
  return p;
}

VerifierOptions pinned_options(VerifierOptions options) {
  options.clock = [] { return kNow; };
  return options;
}

Key verification_key(const TestKey& key) {
  auto parsed = is_hmac(key.alg) ? hmac_key(key.secret, key.alg, key.kid) : parse_jwk(key.public_jwk);
  if (!parsed) throw std::runtime_error("test key did not parse: " + parsed.error().message);
  return *parsed;
}

KeySet key_set_of(std::initializer_list<const TestKey*> keys) {
  std::vector<Key> out;
  for (const TestKey* k : keys) out.push_back(verification_key(*k));
  return KeySet(std::move(out));
}

std::string auth0_token(const TestKey& key, Alg alg, const ClaimsJson& claims) {
  return signed_token(key, alg, jose_header_json(alg, key.kid), claims.str());
}

Verifier make_verifier(KeySet keys, Policy policy) {
  const auto all = keys.keys();
  const bool has_hmac = std::any_of(all.begin(), all.end(), [](const Key& k) { return k.type() == KeyType::oct; });
  if (has_hmac && policy.algorithms.empty())  // keep the default asymmetric algorithms next to the HS ones
    policy.algorithms = {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384,
                         Alg::PS512, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA};
  for (const Key& k : keys.keys())
    if (k.type() == KeyType::oct && k.alg() &&
        std::find(policy.algorithms.begin(), policy.algorithms.end(), *k.alg()) == policy.algorithms.end())
      policy.algorithms.push_back(*k.alg());
  auto v = Verifier::create(std::move(policy), std::move(keys), pinned_options());
  if (!v) throw std::runtime_error("verifier: " + v.error().message);
  return *v;
}

}  // namespace jwtcheck::test
