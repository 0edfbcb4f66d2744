// jwtcheck CLI — option groups shared by several commands, each written once.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/http_options.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/verifier_options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace jwtcheck::cli {

/// A subcommand with --help and --version.
CLI::App* add_subcommand(CLI::App& parent, const std::string& name, const std::string& description);

/// --json
struct OutputFlags {
  bool json = false;
};
void add_output_options(CLI::App& app, OutputFlags& flags);

/// --cacert, --timeout
struct HttpFlags {
  std::string cacert;
  double timeout_seconds = 15;
  HttpOptions to_http_options() const;
};
void add_http_options(CLI::App& app, HttpFlags& flags);

/// --tenant DOMAIN ("TENANT.auth0.com", "host:port" or "https://host[:port]/").
void add_tenant_option(CLI::App& app, std::string& tenant, const std::string& what_it_gives);

/// "TENANT.auth0.com" from any accepted spelling of --tenant; invalid_policy for http:// or a path.
Result<std::string> tenant_domain(const std::string& tenant);
/// The issuer Auth0 puts in its tokens: "https://DOMAIN/".
std::string issuer_for_domain(const std::string& domain);

/// Where verification keys come from: --jwks-file, --jwks-url, --key-file, --hs-secret-file.
struct KeyFlags {
  std::string jwks_file, jwks_url, key_file, hs_secret_file;
};
void add_key_options(CLI::App& app, KeyFlags& flags);

/// The policy flags every verifying command has: --issuer, --profile, --leeway, --now, --alg,
/// --require-scope, --typ, --claim, --claim-contains.
struct PolicyFlags {
  std::vector<std::string> issuers;  ///< --issuer, repeatable: the token's iss picks one (IssuerVerifiers)
  std::string profile = "auth0";
  std::vector<std::string> audiences;
  std::string subject_suffix = "@clients";
  bool any_subject = false;
  std::optional<std::int64_t> leeway_seconds;
  std::optional<std::int64_t> now;
  std::vector<std::string> algorithms;
  std::vector<std::string> required_scopes;
  std::vector<std::string> typs;
  std::vector<std::string> claims;           ///< --claim NAME=VALUE
  std::vector<std::string> claims_contain;   ///< --claim-contains NAME=VALUE
};
void add_policy_options(CLI::App& app, PolicyFlags& flags);
/// --audience (repeatable), --subject-suffix, --any-subject: `verify` only (`check` derives them).
void add_audience_and_subject_options(CLI::App& app, PolicyFlags& flags);

/// The Policy the flags describe, requiring `issuer`.
/// Errors: invalid_policy (no audience, unknown --alg…).
Result<Policy> build_policy(const PolicyFlags& flags, const std::string& issuer);

/// The --now instant or the system clock.
std::int64_t now_seconds(const PolicyFlags& flags);

/// How the verifier runs: its clock pinned at --now when given.
VerifierOptions build_verifier_options(const PolicyFlags& flags);

}  // namespace jwtcheck::cli
