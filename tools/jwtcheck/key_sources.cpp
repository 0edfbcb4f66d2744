#include "key_sources.hpp"

#include "exit_codes.hpp"

#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/limits.hpp>
#include <jwtcheck/secret.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>

namespace jwtcheck::cli {

namespace {

Result<void> add_jwks_file(const std::string& path, std::vector<Key>& keys, std::vector<std::string>& warnings) {
  auto text = read_small_file(path, Limits{}.max_jwks_bytes, ErrorCode::invalid_jwks);  // docs/security.md's limits
  if (!text) return std::move(text).error();
  auto parsed = parse_jwks(*text);
  if (!parsed) {
    // A JWKS file too deep or with a duplicate member is as unusable as one that is not JSON:
    // the keys were not obtained (exit 3), nothing was said about the token.
    const ErrorCode code = exit_code_for(parsed.error().code) == exit_unavailable ? parsed.error().code
                                                                                   : ErrorCode::invalid_jwks;
    return Error{code, path + ": " + parsed.error().message};
  }
  for (const SkippedKey& skipped : parsed->skipped) {
    warnings.push_back(path + ": key " + std::to_string(skipped.index) +
                       (skipped.kid.empty() ? "" : " (kid \"" + skipped.kid + "\")") +
                       " skipped: " + skipped.reason.message);
  }
  if (parsed->keys.empty()) {
    return Error{ErrorCode::invalid_jwks, path + " holds no usable key" +
                                              (warnings.empty() ? std::string() : " (" + warnings.back() + ")")};
  }
  for (const Key& key : parsed->keys.keys()) keys.push_back(key);
  return {};
}

Result<void> add_pem_file(const std::string& path, const std::string& kid, std::vector<Key>& keys) {
  auto text = read_small_file(path, 64 * 1024, ErrorCode::invalid_key);
  if (!text) return std::move(text).error();
  auto key = parse_pem_public_key(*text, kid);
  if (!key) return Error{key.error().code, path + ": " + key.error().message};
  keys.push_back(std::move(*key));
  return {};
}

// One HMAC key per HS algorithm allowed: hmac_key binds a secret to exactly one alg.
Result<void> add_hmac_secret(const std::string& path, const std::vector<Alg>& algs, const std::string& kid,
                             std::vector<Key>& keys) {
  bool any_hs = false;
  for (Alg alg : algs) any_hs = any_hs || is_hmac(alg);
  if (!any_hs) {
    return Error{ErrorCode::invalid_policy, "--hs-secret-file needs --alg HS256, HS384 or HS512"};
  }
  auto secret = read_secret_file(path);
  if (!secret) return std::move(secret).error();
  for (Alg alg : algs) {
    if (!is_hmac(alg)) continue;
    auto key = hmac_key(secret->reveal(), alg, kid);
    if (!key) return Error{key.error().code, path + ": " + key.error().message};
    keys.push_back(std::move(*key));
  }
  return {};
}

// The verifier never waits on the network: a one-shot command waits for the keys here, for at
// most `requests` requests' own timeouts.
Result<std::shared_ptr<KeySource>> first_keys(Result<std::shared_ptr<RemoteKeySource>> source, const HttpOptions& http,
                                              int requests) {
  if (!source) return std::move(source).error();  // the flags' URL, as given: a usage error
  const auto timeout = requests * http.total_timeout + std::chrono::seconds(1);
  if (auto keys = (*source)->wait_for_keys(timeout); !keys) {
    // The cause's own code (tls_failed, connect_failed, …) when it is a fetch failure: its hint is
    // the one that helps (--cacert for a private CA), and the exit code stays 3.
    const std::optional<Error> cause = (*source)->status().last_error;
    const ErrorCode code =
        cause && exit_code_for(cause->code) == exit_unavailable ? cause->code : ErrorCode::keys_unavailable;
    return Error{code, "the token could not be checked: could not fetch the verification keys: " + keys.error().message};
  }
  return std::shared_ptr<KeySource>(std::move(*source));
}

// The issuer's keys through its discovery document: OpenID Connect's, else RFC 8414's.
Result<std::shared_ptr<KeySource>> discovered_source(const std::string& issuer, const HttpOptions& http) {
  RemoteKeySourceOptions options;
  options.http = http;
  auto keys = first_keys(RemoteKeySource::from_discovery(issuer, DiscoveryKind::openid_configuration, options), http, 2);
  if (keys || keys.error().message.find("got 404") == std::string::npos) return keys;  // only "not found" falls back
  return first_keys(RemoteKeySource::from_discovery(issuer, DiscoveryKind::oauth_authorization_server, options), http, 2);
}

Result<std::shared_ptr<KeySource>> remote_source(const KeyFlags& flags, const std::string& tenant_domain,
                                                 const std::string& discovery_issuer, const HttpOptions& http) {
  RemoteKeySourceOptions options;
  options.http = http;
  if (!flags.jwks_url.empty()) return first_keys(RemoteKeySource::from_jwks_url(flags.jwks_url, options), http, 1);
  if (!tenant_domain.empty()) return first_keys(RemoteKeySource::from_domain(tenant_domain, options), http, 1);
  return discovered_source(discovery_issuer, http);
}

// The alg a lone key is pinned to: the one --alg it can verify, else its natural one.
Result<Alg> pinned_alg(const Key& key, const std::vector<Alg>& algs, const std::string& flag) {
  std::vector<Alg> fitting;
  for (Alg alg : algs)
    if (key.can_verify(alg)) fitting.push_back(alg);
  if (fitting.size() > 1)
    return Error{ErrorCode::invalid_policy, flag + " verifies one alg: give one --alg for it, not " +
                                                std::to_string(fitting.size())};
  if (fitting.size() == 1) return fitting.front();
  if (!algs.empty())
    return Error{ErrorCode::invalid_policy, flag + ": no --alg given fits this key"};
  switch (key.type()) {
    case KeyType::rsa: return Alg::RS256;
    case KeyType::okp: return Alg::EdDSA;
    case KeyType::ec:
      if (key.curve() == "P-384") return Alg::ES384;
      if (key.curve() == "P-521") return Alg::ES512;
      return Alg::ES256;
    case KeyType::oct: break;
  }
  return Error{ErrorCode::invalid_policy, "--hs-secret-file needs --alg HS256, HS384 or HS512"};
}

Result<LoadedKeys> load_one_key(const KeyFlags& flags, const std::vector<Alg>& algs) {
  LoadedKeys loaded;
  if (!flags.key_file.empty()) {
    auto text = read_small_file(flags.key_file, 64 * 1024);
    if (!text) return std::move(text).error();
    auto key = parse_pem_public_key(*text);
    if (!key) return Error{key.error().code, flags.key_file + ": " + key.error().message};
    auto alg = pinned_alg(*key, algs, "--key-file");
    if (!alg) return std::move(alg).error();
    loaded.one_key = std::move(*key);
    loaded.one_alg = *alg;
    return loaded;
  }
  std::vector<Alg> hs;
  for (Alg alg : algs)
    if (is_hmac(alg)) hs.push_back(alg);
  if (hs.empty()) return Error{ErrorCode::invalid_policy, "--hs-secret-file needs --alg HS256, HS384 or HS512"};
  if (hs.size() > 1)
    return Error{ErrorCode::invalid_policy, "--hs-secret-file verifies one alg: give one --alg HS256, HS384 or HS512"};
  auto secret = read_secret_file(flags.hs_secret_file);
  if (!secret) return std::move(secret).error();
  auto key = hmac_key(secret->reveal(), hs.front());
  if (!key) return Error{key.error().code, flags.hs_secret_file + ": " + key.error().message};
  loaded.one_key = std::move(*key);
  loaded.one_alg = hs.front();
  return loaded;
}

}  // namespace

Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes, ErrorCode too_large) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::io_error, "cannot open " + path + ": " + std::strerror(errno)};
  std::string text;
  char buffer[8192];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      return Error{too_large, path + " is larger than " + std::to_string(max_bytes) + " bytes"};
    }
  }
  if (in.bad()) return Error{ErrorCode::io_error, "cannot read " + path};
  return text;
}

Result<LoadedKeys> load_keys(const KeyFlags& flags, const std::string& tenant_domain, const std::vector<Alg>& algs,
                             const HttpOptions& http, const std::string& token_kid,
                             const std::string& discovery_issuer) {
  const bool has_static = !flags.jwks_file.empty() || !flags.key_file.empty() || !flags.hs_secret_file.empty();
  const bool has_remote =
      !flags.jwks_url.empty() || (!has_static && (!tenant_domain.empty() || !discovery_issuer.empty()));
  if (!has_static && !has_remote) {
    return Error{ErrorCode::invalid_policy,
                 "no keys to verify with: give --tenant, --issuer (its discovery document), --jwks-url, --jwks-file, "
                 "--key-file or --hs-secret-file"};
  }
  if (has_static && has_remote) {
    return Error{ErrorCode::invalid_policy, "--jwks-url cannot be combined with --jwks-file, --key-file or "
                                            "--hs-secret-file: choose one place for the keys"};
  }
  LoadedKeys loaded;
  if (has_remote) {
    auto source = remote_source(flags, tenant_domain, discovery_issuer, http);
    if (!source) return std::move(source).error();
    loaded.source = std::move(*source);
    return loaded;
  }
  // One key alone: the one-key verifier, no kid involved.
  if (flags.jwks_file.empty() && (flags.key_file.empty() != flags.hs_secret_file.empty())) {
    auto one = load_one_key(flags, algs);
    if (!one) return std::move(one).error();
    return std::move(*one);
  }
  std::vector<Key> keys;
  if (!flags.jwks_file.empty()) {
    if (auto r = add_jwks_file(flags.jwks_file, keys, loaded.warnings); !r) return r.error();
  }
  if (!flags.key_file.empty()) {
    if (auto r = add_pem_file(flags.key_file, token_kid, keys); !r) return r.error();
  }
  if (!flags.hs_secret_file.empty()) {
    if (auto r = add_hmac_secret(flags.hs_secret_file, algs, token_kid, keys); !r) return r.error();
  }
  loaded.source = std::make_shared<StaticKeySource>(KeySet(std::move(keys)));
  return loaded;
}

}  // namespace jwtcheck::cli
