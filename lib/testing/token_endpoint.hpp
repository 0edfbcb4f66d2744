// The decisions of Auth0's /oauth/token for the client-credentials grant: authenticate the
// client, check its grant for the audience, narrow the scope, and issue the token.
#pragma once

#include <jwtcheck/policy.hpp>
#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "testing/http_answer.hpp"
#include "testing/token_request.hpp"

#include <chrono>
#include <span>
#include <string>

namespace jwtcheck::testing::detail {

/// What the token endpoint needs to know about its tenant.
struct TokenSettings {
  std::string issuer;
  std::chrono::seconds lifetime{86400};
  bool opaque_token_without_audience = true;
  bool test_parameters = false;  ///< LocalTenantOptions::test_token_parameters
  TokenProfile profile = TokenProfile::auth0;  ///< LocalTenantOptions::token_profile
};

/// The JSON error answer Auth0 gives: {"error","error_description"}.
HttpAnswer oauth_error_answer(const OAuthFailure& failure);

/// Answers a parsed token request: 200 with the token, 401 for a bad client or secret (compared
/// in constant time), 403 for an audience the client has no grant for. With test parameters
/// (settings.test_parameters, else 400 invalid_request) any audience gets a token, with the
/// lifetime, exact scope, subject and extra claims the request asks for. With a `dpop_jkt` (the
/// thumbprint of a DPoP proof the server verified) the token is bound to that key: "cnf":
/// {"jkt"} and token_type "DPoP" (RFC 9449 §5, §6.1).
HttpAnswer answer_token_request(const TokenRequest& request, std::span<const TenantClient> clients,
                                const SigningKey& key, const TokenSettings& settings,
                                std::string_view dpop_jkt = {});

/// The scope to grant: the requested scopes that are granted, in request order; all granted
/// scopes when none were requested.
std::string granted_scope(const std::optional<std::string>& requested, std::string_view granted);

}  // namespace jwtcheck::testing::detail
