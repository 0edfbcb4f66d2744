// Shared pieces of the verify suites: an Auth0-shaped token's claims, the matching policy with
// a pinned clock, and key sets built from the shared test keys.
#pragma once

#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/verifier.hpp>

#include "support/error_printing.hpp"
#include "support/test_keys.hpp"
#include "support/token_builder.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcheck::test {

inline constexpr std::int64_t kNow = 1700000000;
inline constexpr std::string_view kIssuer = "https://tenant.example/";
inline constexpr std::string_view kAudience = "https://api.example";
inline constexpr std::string_view kClientId = "AbCdEf123";

/// "\"text\"" (no escaping: test strings are plain).
std::string quoted(std::string_view text);

/// A JSON object built member by member in insertion order; values are raw JSON text.
class ClaimsJson {
 public:
  /// Sets (or replaces, keeping its position) a member.
  ClaimsJson& set(std::string_view name, std::string raw_json);
  ClaimsJson& set_string(std::string_view name, std::string_view value) { return set(name, quoted(value)); }
  ClaimsJson& set_number(std::string_view name, std::int64_t value) { return set(name, std::to_string(value)); }
  ClaimsJson& remove(std::string_view name);
  std::string str() const;

 private:
  std::vector<std::pair<std::string, std::string>> members_;
};

/// iss, sub "<client>@clients", aud, iat now-60, exp now+3600, azp, gty, scope "read:reports write:reports".
ClaimsJson auth0_claims();

/// issuer, one audience, default leeway (30 s).
Policy auth0_policy();

/// `options` with the clock pinned at kNow.
VerifierOptions pinned_options(VerifierOptions options = {});

/// The Key a verifier would hold for a test key: its public JWK parsed, or hmac_key for HS*.
Key verification_key(const TestKey& key);

/// A KeySet of the verification keys of `keys`.
KeySet key_set_of(std::initializer_list<const TestKey*> keys);

/// A token signed by `key` as `alg`, header {"alg","typ":"JWT","kid": key.kid}.
std::string auth0_token(const TestKey& key, Alg alg, const ClaimsJson& claims = auth0_claims());

/// A verifier with auth0_policy() (plus `alg` in the allowlist when it is HS*) over `keys`.
/// Its clock is pinned at kNow.
Verifier make_verifier(KeySet keys, Policy policy = auth0_policy());

}  // namespace jwtcheck::test
