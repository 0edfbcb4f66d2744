// `jwtcheck verify [TOKEN|-]`: check a token's signature, claims and policy, reporting every check.
#include "binding_check.hpp"
#include "binding_flags.hpp"
#include "cli_failure.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "issuer_verifiers.hpp"
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

  // The token's iss picks one of the issuers (the library's IssuerSet); only its keys are fetched.
  const std::string default_issuer = domain.empty() ? std::string() : issuer_for_domain(domain);
  auto verifiers = IssuerVerifiers::create(
      flags.policy.issuers, default_issuer, [&](const std::string& issuer) { return build_policy(flags.policy, issuer); },
      flags.keys, domain, flags.http.to_http_options(), kid_of(*token), build_verifier_options(flags.policy));
  if (!verifiers) {
    return verifiers.error().code == ErrorCode::invalid_policy ? usage_failure(command, verifiers.error(), json)
                                                                 : report_failure(command, verifiers.error(), json);
  }

  Report report = without_unasked_scope_check(verifiers->check(*token), verifiers->scopes_required());
  if (auto failed = verifiers->load_error()) return report_failure(command, *failed, json);
  // The binding is looked at only once the token itself passed (its cnf is then trusted).
  const auto verified = report.valid ? std::optional<Result<VerifiedToken>>(verifiers->verify(*token)) : std::nullopt;
  const VerifiedToken* bound_token = verified && verified->ok() ? &verified->value() : nullptr;
  const ProofTime time{now_seconds(flags.policy), flags.policy.leeway_seconds
                                                      ? std::optional(std::chrono::seconds(*flags.policy.leeway_seconds))
                                                      : std::nullopt};
  const BindingOutcome binding = check_binding(*binding_inputs, *token, bound_token, time);
  report = with_binding(std::move(report), binding);
  const int code = emit_report(report, time.now, json, verifiers->warnings(),
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
