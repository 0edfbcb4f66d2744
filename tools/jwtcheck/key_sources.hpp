// jwtcheck CLI — the key source the key flags describe (a file, a URL, a tenant, a shared secret).
#pragma once

#include "common_options.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/key_set.hpp>

#include <memory>
#include <string>
#include <vector>

namespace jwtcheck::cli {

/// Keys and what was noticed while loading them (JWKS entries skipped, and why).
struct LoadedKeys {
  std::shared_ptr<KeySource> source;
  std::vector<std::string> warnings;
};

/// Builds the key source. Static keys (--jwks-file, --key-file, --hs-secret-file) are combined;
/// a remote one comes from --jwks-url, else from `tenant_domain` (its JWKS) when no static key is
/// given. A PEM key or HMAC secret has no kid of its own: it is labelled with `token_kid` so
/// the one key the user chose verifies whatever kid the token names (the kid picks nothing).
/// Errors: invalid_policy (no key, conflicting flags), io_error, and the key parsers' and
/// fetch module's errors.
Result<LoadedKeys> load_keys(const KeyFlags& flags, const std::string& tenant_domain, const std::vector<Alg>& algs,
                             const HttpOptions& http, const std::string& token_kid);

/// A whole file, at most `max_bytes`. Errors: io_error naming the file (never its content).
Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

}  // namespace jwtcheck::cli
