// A consumer of libjwtcheck-fetch: starts a local HTTPS tenant (libjwtcheck-testing), fetches its
// JWKS with a RemoteKeySource, and verifies a token the tenant minted with those keys.
#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/verifier.hpp>

#include <chrono>
#include <cstdio>

namespace {

int fail(const char* step, const jwtcheck::Error& error) {
  std::fprintf(stderr, "fetch_keys: %s failed: %s\n", step, error.message.c_str());
  return 1;
}

}  // namespace

int main() {
  using namespace jwtcheck;
  auto tenant = testing::LocalTenant::start();
  if (!tenant) return fail("tenant", tenant.error());

  RemoteKeySourceOptions options;
  options.http.ca_file = (*tenant)->ca_cert_path();
  auto source = RemoteKeySource::from_jwks_url((*tenant)->jwks_url(), options);
  if (!source) return fail("key source", source.error());
  auto keys = (*source)->wait_for_keys(std::chrono::seconds(10));
  if (!keys) return fail("first fetch", keys.error());

  testing::Auth0Claims claims;
  claims.client_id = "fetch-app";
  claims.audiences = {"https://api.example"};
  auto token = (*tenant)->mint(claims);
  if (!token) return fail("mint", token.error());

  Policy policy;
  policy.issuer = (*tenant)->issuer();
  policy.audiences = {"https://api.example"};
  auto verifier = Verifier::create(policy, *source);
  if (!verifier) return fail("verifier", verifier.error());
  const auto verified = verifier->verify(*token);
  if (!verified) return fail("verify", verified.error());
  std::printf("fetch_keys: verified a token for client %.*s with %zu fetched key(s)\n",
              static_cast<int>(verified->client_id().size()), verified->client_id().data(), (*keys)->size());
  return 0;
}
