// The README's library quick start: an API server's token check, built once, used per request.
// Self-contained (it does not include quick_start.hpp), so that the part docs/library.md shows
// verbatim, from the first #include to the end, is a whole translation unit that compiles.
#include <jwtcheck/fetch/remote_key_source.hpp>  // RemoteKeySource, HttpOptions (libjwtcheck-fetch)
#include <jwtcheck/verifier.hpp>                 // Verifier, Policy, VerifiedToken

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// At startup: keys from the tenant's JWKS (cached, refreshed in the background), the Auth0 M2M policy.
jwtcheck::Result<jwtcheck::Verifier> make_verifier(const std::string& tenant, const std::string& api,
                                                   jwtcheck::HttpOptions http) {
  jwtcheck::RemoteKeySourceOptions options;
  options.http = std::move(http);  // e.g. a private CA: http.ca_file
  auto keys = jwtcheck::RemoteKeySource::from_domain(tenant, options);
  if (!keys) return keys.error();
  // verify() never waits on the network: wait for the first key set before serving.
  if (auto first = (*keys)->wait_for_keys(std::chrono::seconds(20)); !first) return first.error();

  jwtcheck::Policy policy;
  policy.issuer = "https://" + tenant + "/";  // exact match, trailing slash included
  policy.audiences = {api};
  policy.required_scopes = {"read:reports"};
  return jwtcheck::Verifier::create(policy, *keys);
}

// Per request, from any thread: the value of the Authorization header.
std::optional<std::string> client_of(const jwtcheck::Verifier& verifier, std::string_view authorization) {
  constexpr std::string_view bearer = "Bearer ";
  if (!authorization.starts_with(bearer)) return std::nullopt;
  auto token = verifier.verify(authorization.substr(bearer.size()));
  if (!token) {
    // token.error().code is stable (e.g. jwtcheck::ErrorCode::expired); .message says why.
    return std::nullopt;
  }
  return std::string(token->client_id());  // "sub" without "@clients"
}
