#include "common_options.hpp"

#include "command.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/claims.hpp>
#include <jwtcheck/token.hpp>

#include <CLI/CLI.hpp>
#include <rapidjson/document.h>

#include <cmath>

namespace jwtcheck::cli {

namespace {

std::string known_algorithms() {
  return "RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA HS256 HS384 HS512";
}

Result<std::vector<Alg>> parse_algorithms(const std::vector<std::string>& names) {
  std::vector<Alg> algs;
  for (const std::string& name : names) {
    const auto alg = alg_from_name(name);
    if (!alg) {
      return Error{ErrorCode::invalid_policy,
                   "--alg: expected one of " + known_algorithms() + ", got \"" + name + "\""};
    }
    algs.push_back(*alg);
  }
  return algs;
}

// One value per occurrence (--alg RS256 --alg ES256): a vector option would otherwise swallow
// every following word, the positional token included.
void add_repeatable(CLI::App& app, const std::string& name, std::vector<std::string>& values,
                    const std::string& description) {
  app.add_option(name, values, description)->allow_extra_args(false);
}

// "NAME=VALUE" of --claim and --claim-contains: NAME is a JSON pointer when it starts with '/',
// VALUE is taken as JSON when it is one JSON value, else as a string.
Result<ClaimRequirement> claim_flag(const std::string& flag, const std::string& text, bool contains) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    return Error{ErrorCode::invalid_policy, flag + ": expected NAME=VALUE, got \"" + text + "\""};
  const std::string name = text.substr(0, eq);
  const std::string value = text.substr(eq + 1);
  const ClaimPath path = name.front() == '/' ? ClaimPath::pointer(name) : ClaimPath(name);
  rapidjson::Document json;
  json.Parse<rapidjson::kParseIterativeFlag>(value.data(), value.size());
  std::string json_value = json.HasParseError() ? json_string(value) : value;
  return contains ? ClaimRequirement::contains(path, std::move(json_value))
                  : ClaimRequirement::equals(path, std::move(json_value));
}

}  // namespace

CLI::App* add_subcommand(CLI::App& parent, const std::string& name, const std::string& description) {
  CLI::App* sub = parent.add_subcommand(name, description);
  sub->set_version_flag("--version", version_text());
  return sub;
}

void add_output_options(CLI::App& app, OutputFlags& flags) {
  app.add_flag("-j,--json", flags.json,
               "Print one JSON document (stable schema, docs/json-output.md) instead of the report; errors too");
}

HttpOptions HttpFlags::to_http_options() const {
  HttpOptions http;
  http.ca_file = cacert;
  const auto total = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(timeout_seconds * 1000)));
  http.total_timeout = total;
  if (http.connect_timeout > total) http.connect_timeout = total;
  return http;
}

void add_http_options(CLI::App& app, HttpFlags& flags) {
  app.add_option("--cacert", flags.cacert, "PEM file of CA certificates to trust instead of the system store")
      ->check(CLI::ExistingFile);
  app.add_option("--timeout", flags.timeout_seconds, "Seconds allowed for each HTTPS request (default 15)")
      ->check(CLI::Range(0.1, 600.0));
}

void add_tenant_option(CLI::App& app, std::string& tenant, const std::string& what_it_gives) {
  app.add_option("-t,--tenant", tenant, "Tenant domain (TENANT.auth0.com, host:port or https://host/): " + what_it_gives);
}

Result<std::string> tenant_domain(const std::string& tenant) {
  std::string domain = tenant;
  if (domain.rfind("https://", 0) == 0) domain.erase(0, 8);
  if (!domain.empty() && domain.back() == '/') domain.pop_back();
  if (domain.empty() || domain.find_first_of("/?#@ ") != std::string::npos || domain.find("://") != std::string::npos) {
    return Error{ErrorCode::invalid_policy,
                 "--tenant: expected a domain such as TENANT.auth0.com or https://TENANT.auth0.com/, got \"" + tenant +
                     "\""};
  }
  return domain;
}

std::string issuer_for_domain(const std::string& domain) { return "https://" + domain + "/"; }

void add_key_options(CLI::App& app, KeyFlags& flags) {
  auto* jwks_file = app.add_option("--jwks-file", flags.jwks_file, "Verify with the keys of this JWKS file");
  auto* jwks_url = app.add_option("--jwks-url", flags.jwks_url, "Verify with the keys of this https JWKS URL");
  auto* key_file = app.add_option("--key-file", flags.key_file, "Verify with this PEM public key or certificate");
  jwks_file->excludes(jwks_url);
  jwks_url->excludes(key_file);
  app.add_option("--hs-secret-file", flags.hs_secret_file,
                 "Verify HS256/384/512 with the shared secret in this file (needs --alg HS256|HS384|HS512)");
}

void add_policy_options(CLI::App& app, PolicyFlags& flags) {
  add_repeatable(app, "-i,--issuer", flags.issuers,
                 "Required iss, compared exactly (\"https://TENANT/\" with its slash); repeatable: the token's iss "
                 "picks one, and without key flags its keys come from its OIDC discovery document");
  app.add_option("--profile", flags.profile,
                 "Token profile: auth0 (sub CLIENT_ID@clients; the default), rfc9068 (typ at+jwt; client_id, jti, "
                 "iat required) or any (signature, iss, aud and times only)")
      ->check(CLI::IsMember({"auth0", "rfc9068", "any"}));
  app.add_option("--leeway", flags.leeway_seconds, "Clock skew tolerated on exp, nbf and iat, in seconds (default 30)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{86400}));
  app.add_option("--now", flags.now, "Verify as of this instant (seconds since the Unix epoch) instead of now")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{253402300799}));
  add_repeatable(app, "--alg", flags.algorithms, "Allowed algorithm (repeatable); default: every asymmetric one");
  add_repeatable(app, "--require-scope", flags.required_scopes,
                 "A scope or permission the token must grant (repeatable)");
  add_repeatable(app, "--typ", flags.typs, "Allowed header typ (repeatable), e.g. JWT or at+jwt; default: not checked");
  add_repeatable(app, "--claim", flags.claims,
                 "NAME=VALUE: the claim must equal VALUE (repeatable); a JSON value compares as JSON, anything "
                 "else as a string; a NAME starting with / is a JSON pointer");
  add_repeatable(app, "--claim-contains", flags.claims_contain,
                 "NAME=VALUE: the claim (an array, or a space-separated string) must contain VALUE (repeatable)");
}

void add_audience_and_subject_options(CLI::App& app, PolicyFlags& flags) {
  add_repeatable(app, "-a,--audience", flags.audiences, "Accepted aud, the API identifier (repeatable; at least one)");
  auto* suffix = app.add_option("--subject-suffix", flags.subject_suffix,
                                "sub must be CLIENT_ID followed by this (default @clients)");
  auto* any = app.add_flag("--any-subject", flags.any_subject, "Do not check sub");
  any->excludes(suffix);
}

Result<Policy> build_policy(const PolicyFlags& flags, const std::string& issuer) {
  Policy policy;
  policy.issuer = issuer;
  if (policy.issuer.empty()) {
    return Error{ErrorCode::invalid_policy, "no issuer to check: give --issuer (or --tenant)"};
  }
  policy.audiences = flags.audiences;
  if (policy.audiences.empty()) {
    return Error{ErrorCode::invalid_policy, "no audience to check: give --audience (the API identifier)"};
  }
  policy.subject_suffix = flags.any_subject ? std::string() : flags.subject_suffix;
  const auto profile = profile_from_name(flags.profile);
  if (!profile) return Error{ErrorCode::invalid_policy, "--profile: expected auth0, rfc9068 or any"};
  policy.profile = *profile;
  if (flags.leeway_seconds) policy.leeway = std::chrono::seconds(*flags.leeway_seconds);
  auto algs = parse_algorithms(flags.algorithms);
  if (!algs) return std::move(algs).error();
  policy.algorithms = std::move(*algs);
  policy.required_scopes = flags.required_scopes;
  policy.typ_allowlist = flags.typs;
  for (const std::string& text : flags.claims) {
    auto requirement = claim_flag("--claim", text, false);
    if (!requirement) return std::move(requirement).error();
    policy.required_claims.push_back(std::move(*requirement));
  }
  for (const std::string& text : flags.claims_contain) {
    auto requirement = claim_flag("--claim-contains", text, true);
    if (!requirement) return std::move(requirement).error();
    policy.required_claims.push_back(std::move(*requirement));
  }
  return policy;
}

std::int64_t now_seconds(const PolicyFlags& flags) { return flags.now ? *flags.now : system_clock_now(); }

VerifierOptions build_verifier_options(const PolicyFlags& flags) {
  VerifierOptions options;
  if (flags.now) {
    const std::int64_t now = *flags.now;
    options.clock = [now] { return now; };
  }
  return options;
}

}  // namespace jwtcheck::cli
