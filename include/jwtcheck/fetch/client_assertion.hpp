// jwtcheck — private_key_jwt client assertions (RFC 7523 §2.2, OpenID Connect Core §9): how a
// client proves who it is to a token endpoint with a signature instead of a shared secret.
// TokenClient (ClientAuthMethod::private_key_jwt) makes a fresh one for every request.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/client_key.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace jwtcheck {

/// The client_assertion_type that goes with it.
inline constexpr std::string_view client_assertion_type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Longest lifetime make_client_assertion accepts.
inline constexpr std::chrono::seconds max_client_assertion_lifetime{300};

/// A signed assertion: header {"alg","kid" (the key's, when set),"typ":"JWT"}, claims {"iss" and
/// "sub" = client_id, "aud" = token_url, "jti" (128 random bits), "iat" (now), "exp" (now +
/// lifetime)}. Errors: invalid_policy (empty client_id or token_url, lifetime not in 1 s..300 s),
/// invalid_key (signing failed).
JWTCHECK_API Result<std::string> make_client_assertion(const ClientKey& key, std::string_view client_id,
                                                       std::string_view token_url,
                                                       std::chrono::seconds lifetime = std::chrono::seconds(60));

}  // namespace jwtcheck
