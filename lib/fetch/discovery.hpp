// Finding the JWKS through OpenID Connect Discovery 1.0 or RFC 8414 metadata.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/http_options.hpp>
#include <jwtcheck/fetch/remote_key_source.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// Where the metadata of `issuer` lives: ISSUER/.well-known/openid-configuration (OIDC: appended
/// to the issuer, trailing "/" removed) or https://HOST/.well-known/oauth-authorization-server/PATH
/// (RFC 8414 §3.1: inserted between host and path). Errors: invalid_url, insecure_url (the
/// issuer must be an https URL without query or fragment).
Result<std::string> discovery_url(std::string_view issuer, DiscoveryKind kind, const HttpOptions& http);

/// The "jwks_uri" of a discovery document, once its "issuer" is checked to equal
/// `expected_issuer` exactly. Errors: invalid_response (not a JSON object, members missing or
/// not strings), issuer_mismatch, invalid_url / insecure_url (jwks_uri not https).
Result<std::string> jwks_uri_from_discovery(std::string_view document, std::string_view expected_issuer,
                                            const HttpOptions& http);

}  // namespace jwtcheck::detail
