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
  /// private_key_jwt: --private-key-file PEM, --private-key-alg ALG (default: the key's own), --key-id KID.
  std::string private_key_file, private_key_alg, key_id;
  /// mTLS client authentication: --client-cert PEM and --client-key PEM.
  std::string client_cert_file, client_key_file;
  std::string secret_on_command_line;  ///< only to refuse it (see add_token_request_options)
};
void add_token_request_options(CLI::App& app, TokenRequestFlags& flags, bool audience_required);

/// The environment variable read when --client-secret-file is absent.
inline constexpr const char* client_secret_env = "JWTCHECK_CLIENT_SECRET";

/// A TokenClient configuration from the flags: private_key_jwt with --private-key-file, mTLS
/// client authentication with --client-cert/--client-key, else the secret from
/// --client-secret-file or JWTCHECK_CLIENT_SECRET. Errors: invalid_policy (no tenant/URL, no
/// credential, two of them), io_error, and ClientKey's errors for an unusable key file.
Result<TokenClientOptions> token_client_config(const TokenRequestFlags& flags, const HttpOptions& http);

}  // namespace jwtcheck::cli
