// libFuzzer target: Verifier::verify and Verifier::check against a fixed key set (EC P-256,
// RSA 2048, Ed25519 and an HMAC secret) and an Auth0-style policy, at a fixed time.
// The seed tokens (corpus/verify) are signed with the private halves (make_seeds.py).
#include "fuzz_keys_fixed.hpp"

#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

jwtcheck::Verifier make_verifier() {
  std::vector<jwtcheck::Key> keys;
  for (std::string_view jwk : {jwtcheck::fuzz::ec_jwk, jwtcheck::fuzz::rsa_jwk, jwtcheck::fuzz::ed_jwk}) {
    auto key = jwtcheck::parse_jwk(jwk);
    if (!key) std::abort();  // the fixed keys are known good
    keys.push_back(std::move(*key));
  }
  auto hmac = jwtcheck::hmac_key(jwtcheck::fuzz::hmac_secret, jwtcheck::Alg::HS256, "hs");
  if (!hmac) std::abort();
  keys.push_back(std::move(*hmac));

  jwtcheck::Policy policy;
  policy.issuer = "https://tenant.example/";
  policy.audiences = {"https://api.example"};
  policy.algorithms = {jwtcheck::Alg::ES256, jwtcheck::Alg::RS256, jwtcheck::Alg::PS256, jwtcheck::Alg::EdDSA,
                       jwtcheck::Alg::HS256};
  policy.required_scopes = {"read:x"};
  policy.required_gty = "client-credentials";
  jwtcheck::VerifierOptions options;
  options.clock = [] { return std::int64_t{jwtcheck::fuzz::fixed_now}; };
  auto verifier = jwtcheck::Verifier::create(std::move(policy), jwtcheck::KeySet(std::move(keys)), std::move(options));
  if (!verifier) std::abort();
  return std::move(*verifier);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const jwtcheck::Verifier verifier = make_verifier();
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  auto verified = verifier.verify(token);
  auto report = verifier.check(token);
  // The two paths must agree on the verdict.
  if (verified.ok() != report.valid) __builtin_trap();
  if (!report.valid && report.errors.empty()) __builtin_trap();
  return 0;
}
