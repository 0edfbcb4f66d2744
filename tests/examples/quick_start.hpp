// The README's library quick start (see quick_start.cpp).
#pragma once

#include <jwtcheck/fetch/http_options.hpp>
#include <jwtcheck/verifier.hpp>

#include <optional>
#include <string>
#include <string_view>

/// A verifier for `api` tokens issued by the Auth0-style `tenant` (a domain such as "TENANT.auth0.com").
jwtcheck::Result<jwtcheck::Verifier> make_verifier(const std::string& tenant, const std::string& api,
                                                   jwtcheck::HttpOptions http = {});

/// The client id of a valid "Bearer <token>" header value; nullopt for anything else.
std::optional<std::string> client_of(const jwtcheck::Verifier& verifier, std::string_view authorization);
