// `jwtcheck verify [TOKEN|-]`: check a token's signature, claims and policy, reporting every check.
#include "binding_check.hpp"
#include "binding_flags.hpp"
#include "cli_failure.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "key_sources.hpp"
#include "report_output.hpp"
#include "token_input.hpp"

#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <memory>
#include <optional>

namespace jwtcheck::cli {

namespace {

struct VerifyFlags {
  std::vector<std::string> tokens;  ///< one, or none for standard input; more are refused
  std::string tenant;
  KeyFlags keys;
  PolicyFlags policy;
  HttpFlags http;
  BindingFlags binding;
  OutputFlags output;
};

// The header's kid only labels a user-chosen PEM key or secret (see load_keys); a token that
// cannot be decoded gets no kid and the verifier reports why it is malformed.
std::string kid_of(const std::string& token) {
  auto decoded = decode_unverified(token);
  return decoded ? decoded->kid : std::string();
}

int run_verify(const VerifyFlags& flags) {
  constexpr std::string_view command = "verify";
  const bool json = flags.output.json;
  std::string domain;
  if (!flags.tenant.empty()) {
    auto parsed = tenant_domain(flags.tenant);
    if (!parsed) return usage_failure(command, parsed.error(), json);
    domain = std::move(*parsed);
  }
  if (const std::string problem = token_arguments_problem(flags.tokens); !problem.empty()) {
    return print_failure(CliFailure{std::string(command), "usage_error", problem,
                                    "pass one token as the argument, or - (or nothing) to read it from standard input",
                                    exit_usage},
                         json);
  }
  auto binding_inputs = read_binding_inputs(flags.binding);
  if (!binding_inputs) {
    return binding_inputs.error().code == ErrorCode::io_error ? report_failure(command, binding_inputs.error(), json)
                                                                : usage_failure(command, binding_inputs.error(), json);
  }
  auto token = read_token(flags.tokens);
  if (!token) return report_failure(command, token.error(), json);

  auto issuer = choose_issuer(flags.policy, domain.empty() ? std::string() : issuer_for_domain(domain), *token);
  if (!issuer) {
    return issuer.error().code == ErrorCode::issuer_mismatch ? report_failure(command, issuer.error(), json)
                                                             : usage_failure(command, issuer.error(), json);
  }
  auto policy = build_policy(flags.policy, *issuer);
  if (!policy) return usage_failure(command, policy.error(), json);

  // --issuer without any key flag or --tenant: that issuer's keys through its discovery document.
  const std::string discovery_issuer = flags.policy.issuers.empty() ? std::string() : *issuer;
  auto keys = load_keys(flags.keys, domain, policy->algorithms, flags.http.to_http_options(), kid_of(*token),
                        discovery_issuer);
  if (!keys) return report_failure(command, keys.error(), json);

  const bool scopes_required = !policy->required_scopes.empty();
  auto verifier = make_verifier(std::move(*policy), *keys, build_verifier_options(flags.policy));
  if (!verifier) return usage_failure(command, verifier.error(), json);

  Report report = without_unasked_scope_check(verifier->check(*token), scopes_required);
  // The binding is looked at only once the token itself passed (its cnf is then trusted).
  const auto verified = report.valid ? std::optional<Result<VerifiedToken>>(verifier->verify(*token)) : std::nullopt;
  const VerifiedToken* bound_token = verified && verified->ok() ? &verified->value() : nullptr;
  const ProofTime time{now_seconds(flags.policy), flags.policy.leeway_seconds
                                                      ? std::optional(std::chrono::seconds(*flags.policy.leeway_seconds))
                                                      : std::nullopt};
  const BindingOutcome binding = check_binding(*binding_inputs, *token, bound_token, time);
  report = with_binding(std::move(report), binding);
  const int code = emit_report(report, time.now, json, keys->warnings,
                               [&](JsonWriter& out) { write_binding_json(out, binding); });
  if (!json) print_binding_human(binding, TerminalStyle::for_stream(stdout));
  return code;
}

}  // namespace

Command add_verify_command(CLI::App& parent) {
  auto flags = std::make_shared<VerifyFlags>();
  CLI::App* sub = add_subcommand(parent, "verify",
                                 "Verify a token: signature, then iss, sub, aud, times and scopes; every check reported");
  sub->add_option("token", flags->tokens, "The token, or - to read it from standard input (the default)");
  add_tenant_option(*sub, flags->tenant, "keys from https://DOMAIN/.well-known/jwks.json, issuer https://DOMAIN/");
  add_key_options(*sub, flags->keys);
  add_audience_and_subject_options(*sub, flags->policy);
  add_policy_options(*sub, flags->policy);
  add_http_options(*sub, flags->http);
  add_binding_options(*sub, flags->binding);
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_verify(*flags); }};
}

}  // namespace jwtcheck::cli
