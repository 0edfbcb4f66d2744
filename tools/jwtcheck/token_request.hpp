// jwtcheck CLI — the client-credentials request flags shared by `token` and `check`.
#pragma once

#include "common_options.hpp"

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/token_client.hpp>

#include <string>

namespace CLI {
class App;
}

namespace jwtcheck::cli {

/// --tenant/--token-url, --client-id, --audience, --scope, --client-secret-file. There is
/// deliberately no --client-secret: a secret on the command line leaks through ps and shell history.
struct TokenRequestFlags {
  std::string tenant, token_url, client_id, audience, scope, client_secret_file;
  std::string secret_on_command_line;  ///< only to refuse it (see add_token_request_options)
};
void add_token_request_options(CLI::App& app, TokenRequestFlags& flags, bool audience_required);

/// The environment variable read when --client-secret-file is absent.
inline constexpr const char* client_secret_env = "JWTCHECK_CLIENT_SECRET";

/// A TokenClient configuration from the flags; the secret from --client-secret-file, else from
/// JWTCHECK_CLIENT_SECRET. Errors: invalid_policy (no tenant/URL, no secret), io_error.
Result<TokenClientOptions> token_client_config(const TokenRequestFlags& flags, const HttpOptions& http);

}  // namespace jwtcheck::cli
