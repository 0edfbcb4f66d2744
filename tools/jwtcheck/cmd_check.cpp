// `jwtcheck check`: "is my tenant set up right?" — get a token with the client-credentials grant,
// then verify it as an API would, also requiring sub == CLIENT_ID@clients and azp == CLIENT_ID.
#include "binding_check.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "human_time.hpp"
#include "issuer_verifiers.hpp"
#include "report_output.hpp"
#include "terminal_style.hpp"
#include "token_request.hpp"

#include <jwtcheck/fetch/dpop_proof.hpp>
#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <optional>

namespace jwtcheck::cli {

namespace {

struct CheckFlags {
  TokenRequestFlags request;
  KeyFlags keys;
  PolicyFlags policy;
  HttpFlags http;
  OutputFlags output;
  std::string dpop_key_file;  ///< --dpop-key: ask for a DPoP-bound token and check it with a proof of our own
};

// The request the proof of --dpop-key is made for: the audience when it is an https URL (an API
// identifier usually is), else a placeholder; verify checks it against the same URL.
std::string proof_url(const std::string& audience) {
  return audience.starts_with("https://") ? audience : std::string("https://api.jwtcheck.invalid/check");
}

// Scopes asked for with --scope are required too: a tenant grants only those its client grant
// allows, and a missing one is exactly the set-up mistake `check` is for.
void require_requested_scopes(Policy& policy, std::string_view requested) {
  while (!requested.empty()) {
    const std::size_t space = requested.find(' ');
    const std::string_view scope = requested.substr(0, space);
    if (!scope.empty()) policy.required_scopes.emplace_back(scope);
    if (space == std::string_view::npos) break;
    requested.remove_prefix(space + 1);
  }
}

Result<Policy> check_policy(const CheckFlags& flags, const std::string& issuer) {
  PolicyFlags policy_flags = flags.policy;
  policy_flags.audiences = {flags.request.audience};
  auto policy = build_policy(policy_flags, issuer);
  if (!policy) return policy;
  policy->expected_client_id = flags.request.client_id;
  require_requested_scopes(*policy, flags.request.scope);
  return policy;
}

void write_token_json(JsonWriter& out, const CheckFlags& flags, const AccessToken& token) {
  write_string(out, "token_request");
  out.StartObject();
  write_member(out, "client_id", flags.request.client_id);
  write_member(out, "audience", flags.request.audience);
  write_member(out, "token_type", token.token_type);
  write_string(out, "expires_in");
  if (token.expires_in) {
    out.Int64(token.expires_in->count());
  } else {
    out.Null();
  }
  write_member(out, "scope", token.scope);
  out.EndObject();
}

void print_token_human(const CheckFlags& flags, const AccessToken& token) {
  const TerminalStyle style = TerminalStyle::for_stream(stdout);
  std::printf("\n%s\n", style.bold("Token request").c_str());
  std::printf("  %s client %s got a %s token for %s", style.mark(true).c_str(), flags.request.client_id.c_str(),
              token.token_type.c_str(), flags.request.audience.c_str());
  if (token.expires_in) std::printf(" (expires in %s)", describe_span(token.expires_in->count()).c_str());
  std::printf("\n");
  std::fflush(stdout);
}

int run_check(const CheckFlags& flags) {
  constexpr std::string_view command = "check";
  const bool json = flags.output.json;
  const HttpOptions http = flags.http.to_http_options();
  std::string domain;
  if (!flags.request.tenant.empty()) {
    auto parsed = tenant_domain(flags.request.tenant);
    if (!parsed) return usage_failure(command, parsed.error(), json);
    domain = std::move(*parsed);
  }
  // The flags are checked before any request; the token's iss then picks one of the issuers
  // (the library's IssuerSet), and only its keys are fetched.
  const std::string default_issuer = domain.empty() ? std::string() : issuer_for_domain(domain);
  const auto policy_for = [&](const std::string& issuer) { return check_policy(flags, issuer); };
  auto policy = policy_for(flags.policy.issuers.empty() ? default_issuer : flags.policy.issuers.front());
  if (!policy) return usage_failure(command, policy.error(), json);
  auto config = token_client_config(flags.request, http);
  if (!config) return report_failure(command, config.error(), json);
  std::optional<ClientKey> dpop_key;
  if (!flags.dpop_key_file.empty()) {
    auto key = ClientKey::from_pem_file(flags.dpop_key_file);
    if (!key) return report_failure(command, key.error(), json);
    dpop_key = *key;
    config->dpop_key = std::move(*key);
  }
  auto client = TokenClient::create(std::move(*config));
  if (!client) return usage_failure(command, client.error(), json);

  auto token = client->token();
  if (!token) return report_failure(command, token.error(), json);
  auto decoded = decode_unverified(token->access_token);
  auto verifiers = IssuerVerifiers::create(flags.policy.issuers, default_issuer, policy_for, flags.keys, domain, http,
                                           decoded ? decoded->kid : std::string(), build_verifier_options(flags.policy));
  if (!verifiers) return report_failure(command, verifiers.error(), json);

  Report report = without_unasked_scope_check(verifiers->check(token->access_token), verifiers->scopes_required());
  if (auto failed = verifiers->load_error()) return report_failure(command, *failed, json);
  if (!dpop_key) {
    const int code = emit_report(report, now_seconds(flags.policy), json, verifiers->warnings(),
                                 [&](JsonWriter& out) { write_token_json(out, flags, *token); });
    if (!json) print_token_human(flags, *token);
    return code;
  }
  // --dpop-key: the token must be bound (binding required) and a proof of our own for a request to
  // the API must pass as an API would check it; the proof carries our key, so a token bound to
  // any other key is refused (dpop_key_mismatch).
  BindingInputs inputs;
  inputs.mode = BindingMode::required;
  inputs.method = "GET";
  inputs.url = proof_url(flags.request.audience);
  auto proof = make_dpop_proof(*dpop_key, {inputs.method, inputs.url, token->access_token, {}});
  if (!proof) return report_failure(command, proof.error(), json);
  inputs.proof = std::move(*proof);
  const auto verified =
      report.valid ? std::optional<Result<VerifiedToken>>(verifiers->verify(token->access_token)) : std::nullopt;
  const VerifiedToken* bound_token = verified && verified->ok() ? &verified->value() : nullptr;
  const ProofTime time{now_seconds(flags.policy), flags.policy.leeway_seconds
                                                      ? std::optional(std::chrono::seconds(*flags.policy.leeway_seconds))
                                                      : std::nullopt};
  const BindingOutcome binding = check_binding(inputs, token->access_token, bound_token, time);
  report = with_binding(std::move(report), binding);
  const int code = emit_report(report, time.now, json, verifiers->warnings(), [&](JsonWriter& out) {
    write_token_json(out, flags, *token);
    write_binding_json(out, binding);
  });
  if (!json) {
    print_binding_human(binding, TerminalStyle::for_stream(stdout));
    print_token_human(flags, *token);
  }
  return code;
}

}  // namespace

Command add_check_command(CLI::App& parent) {
  auto flags = std::make_shared<CheckFlags>();
  CLI::App* sub = add_subcommand(parent, "check",
                                 "Is my tenant set up right? Get a token (client credentials) and verify it, "
                                 "requiring sub CLIENT_ID@clients and azp CLIENT_ID");
  add_token_request_options(*sub, flags->request, true);
  add_key_options(*sub, flags->keys);
  add_policy_options(*sub, flags->policy);
  add_http_options(*sub, flags->http);
  sub->add_option("--dpop-key", flags->dpop_key_file,
                  "PEM private key: ask for a DPoP-bound token and check it end to end with a DPoP proof of our own "
                  "(GET to the audience URL), binding required");
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_check(*flags); }};
}

}  // namespace jwtcheck::cli
