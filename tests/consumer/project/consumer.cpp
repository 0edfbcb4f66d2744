// A tiny program outside the jwtcheck tree: mints a token with a fresh key, verifies it, and
// asserts its shape. The consumer build test compiles it with pkg-config, as a meson subproject
// and with CMake against an installed jwtcheck.
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/expect.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstdio>

namespace {

int fail(const char* step, const jwtcheck::Error& error) {
  std::fprintf(stderr, "consumer: %s failed: %s\n", step, error.message.c_str());
  return 1;
}

}  // namespace

int main() {
  using namespace jwtcheck;
  auto key = testing::SigningKey::generate(Alg::RS256, "consumer-key");
  if (!key) return fail("key", key.error());

  testing::Auth0Claims claims;
  claims.issuer = "https://tenant.example/";
  claims.client_id = "consumer-app";
  claims.audiences = {"https://api.example"};
  claims.scope = "read:things";
  auto token = testing::mint_token(*key, claims.to_json());
  if (!token) return fail("mint", token.error());

  const testing::SigningKey keys[] = {*key};
  auto jwks = parse_jwks(testing::jwks_json(keys));
  if (!jwks) return fail("jwks", jwks.error());
  Policy policy;
  policy.issuer = "https://tenant.example/";
  policy.audiences = {"https://api.example"};
  auto verifier = Verifier::create(policy, std::move(jwks->keys));
  if (!verifier) return fail("verifier", verifier.error());

  const auto verified = verifier->verify(*token);
  const auto shape = testing::expect_token(verified).subject_is_client("consumer-app").has_scopes({"read:things"}).check();
  if (!shape) {
    std::fprintf(stderr, "consumer: %s", shape.text().c_str());
    return 1;
  }
  std::printf("consumer: verified a token for client %.*s\n", static_cast<int>(verified->client_id().size()),
              verified->client_id().data());
  return 0;
}
