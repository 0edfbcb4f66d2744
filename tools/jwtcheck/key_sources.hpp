// jwtcheck CLI — the key source the key flags describe (a file, a URL, a tenant, a shared secret).
#pragma once

#include "common_options.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/verifier.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jwtcheck::cli {

/// Keys and what was noticed while loading them (JWKS entries skipped, and why).
struct LoadedKeys {
  std::shared_ptr<KeySource> source;  ///< null when one_key is set
  /// --key-file or --hs-secret-file alone: the one key and the alg it is pinned to.
  std::optional<Key> one_key;
  Alg one_alg = Alg::RS256;
  std::vector<std::string> warnings;
};

/// Builds the key source. --key-file alone or --hs-secret-file alone is one key, verified with
/// the one-key Verifier (any kid, only the pinned alg): the alg is the one --alg given (for a
/// secret, the one HS --alg), else the key's (ES256/ES384/ES512 by curve, EdDSA, RS256 for RSA).
/// A private key file is refused (invalid_key). Otherwise static keys (--jwks-file, --key-file,
/// --hs-secret-file) are combined; a PEM key or HMAC secret in such a mix is labelled with
/// `token_kid`. A remote source comes from --jwks-url, else from `tenant_domain` (its JWKS) when
/// no static key is given, else from `discovery_issuer` (when not empty): its OpenID Connect
/// discovery document (ISSUER/.well-known/openid-configuration), or, when that is not found
/// (HTTP 404), its RFC 8414 one (/.well-known/oauth-authorization-server); the document's issuer
/// must equal it exactly.
/// Errors: invalid_policy (no key, conflicting flags), io_error, and the key parsers' and
/// fetch module's errors.
Result<LoadedKeys> load_keys(const KeyFlags& flags, const std::string& tenant_domain, const std::vector<Alg>& algs,
                             const HttpOptions& http, const std::string& token_kid,
                             const std::string& discovery_issuer = {});

/// A whole file, at most `max_bytes`. Errors: io_error naming the file (never its content) when
/// it cannot be read; `too_large` (default io_error) when it is longer than `max_bytes`.
Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes,
                                    ErrorCode too_large = ErrorCode::io_error);

}  // namespace jwtcheck::cli
