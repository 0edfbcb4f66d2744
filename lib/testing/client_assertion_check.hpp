// The tenant's side of private_key_jwt (RFC 7523 §3, OIDC Core §9): checking a client assertion
// against the client's registered public key, and refusing a replayed one.
#pragma once

#include <jwtcheck/testing/local_tenant.hpp>

#include "testing/token_request.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck::testing::detail {

/// Thread-safe. Remembers the jti of accepted assertions until they expire, at most
/// max_remembered (then the oldest-expiring is dropped only if already expired; otherwise new
/// assertions are refused until some expire).
class ClientAssertionCheck {
 public:
  static constexpr std::size_t max_remembered = 10000;
  static constexpr std::int64_t max_lifetime_seconds = 300;

  /// nullopt when `assertion` authenticates `client` at `token_url`: a signature by
  /// client.public_key_pem, iss = sub = client_id, aud containing token_url, exp in the future,
  /// iat present and exp − iat ≤ 5 min, a jti not used before. Otherwise 401 invalid_client
  /// with the reason.
  std::optional<OAuthFailure> check(std::string_view assertion, const TenantClient& client, const std::string& token_url);

 private:
  std::mutex mutex_;
  std::map<std::string, std::int64_t> seen_;  // jti -> exp
};

}  // namespace jwtcheck::testing::detail
