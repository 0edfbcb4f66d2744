// `jwtcheck demo`: the whole job end to end with no account anywhere — start a local tenant, get a
// token with the client-credentials grant, verify it against the tenant's JWKS, print the report.
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "report_output.hpp"
#include "terminal_style.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/verifier.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>

namespace jwtcheck::cli {

namespace {

struct DemoFlags {
  std::string alg = "RS256";
  OutputFlags output;
};

// Progress goes to stdout for people, and to stderr under --json so stdout stays one document.
class Narrator {
 public:
  explicit Narrator(bool json) : out_(json ? stderr : stdout), style_(TerminalStyle::for_stream(out_)) {}
  void step(int n, const std::string& text) const {
    std::fprintf(out_, "%s %s\n", style_.bold("Step " + std::to_string(n) + ":").c_str(), text.c_str());
    std::fflush(out_);
  }
  void detail(const std::string& text) const {
    std::fprintf(out_, "        %s\n", text.c_str());
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  TerminalStyle style_;
};

Result<AccessToken> get_token(const testing::LocalTenant& tenant, const testing::TenantClient& client,
                              const std::string& audience) {
  TokenClientOptions config;
  config.domain = tenant.domain();
  config.client_id = client.client_id;
  config.client_secret = Secret(client.client_secret);
  config.audience = audience;
  config.http.ca_file = tenant.ca_cert_path();
  auto token_client = TokenClient::create(std::move(config));
  if (!token_client) return std::move(token_client).error();
  return token_client->token();
}

Result<Verifier> auth0_verifier(const testing::LocalTenant& tenant, const testing::TenantClient& client,
                                const std::string& audience) {
  RemoteKeySourceOptions options;
  options.http.ca_file = tenant.ca_cert_path();
  auto keys = RemoteKeySource::from_domain(tenant.domain(), options);
  if (!keys) return std::move(keys).error();
  // The verifier never waits on the network: wait for the first key set here.
  if (auto fetched = (*keys)->wait_for_keys(options.http.total_timeout + std::chrono::seconds(1)); !fetched)
    return Error{ErrorCode::keys_unavailable, "could not fetch the demo tenant's keys: " + fetched.error().message};
  Policy policy;  // the defaults are the Auth0 M2M ones: exp required, sub "...@clients"
  policy.issuer = tenant.issuer();
  policy.audiences = {audience};
  policy.expected_client_id = client.client_id;
  policy.required_gty = "client-credentials";
  return Verifier::create(std::move(policy), std::shared_ptr<KeySource>(std::move(*keys)));
}

int run_demo(const DemoFlags& flags) {
  constexpr std::string_view command = "demo";
  const bool json = flags.output.json;
  const auto alg = alg_from_name(flags.alg);
  if (!alg || is_hmac(*alg)) {
    const Error error{ErrorCode::invalid_policy, "--alg: expected an asymmetric algorithm such as RS256 or ES256, got \"" +
                                                     flags.alg + "\""};
    return usage_failure(command, error, json);
  }
  const Narrator narrator(json);

  narrator.step(1, "starting a local HTTPS tenant (its own CA, a fresh " + flags.alg + " signing key)");
  testing::LocalTenantOptions options;
  options.alg = *alg;
  auto tenant = testing::LocalTenant::start(options);
  if (!tenant) return report_failure(command, tenant.error(), json);
  const testing::TenantClient client = (*tenant)->clients().front();
  const std::string audience = client.audience_scopes.begin()->first;
  narrator.detail("listening at " + (*tenant)->base_url() + ", CA certificate " + (*tenant)->ca_cert_path());

  narrator.step(2, "asking " + (*tenant)->token_url() + " for an access token (client-credentials grant, client " +
                       client.client_id + ", audience " + audience + ")");
  auto token = get_token(**tenant, client, audience);
  if (!token) return report_failure(command, token.error(), json);
  narrator.detail("got a " + token->token_type + " token of " + std::to_string(token->access_token.size()) + " bytes");

  narrator.step(3, "fetching " + (*tenant)->jwks_url() + " and verifying the token: signature, iss " +
                       (*tenant)->issuer() + ", sub " + client.client_id + "@clients, aud, exp, gty");
  auto verifier = auth0_verifier(**tenant, client, audience);
  if (!verifier) return report_failure(command, verifier.error(), json);
  const Report report = without_unasked_scope_check(verifier->check(token->access_token), false);

  if (!json) std::printf("\n");
  const std::string issuer = (*tenant)->issuer();
  const int exit_code = emit_report(report, system_clock_now(), json, {}, [&](JsonWriter& out) {
    write_string(out, "tenant");
    out.StartObject();
    write_member(out, "issuer", issuer);
    write_member(out, "client_id", client.client_id);
    write_member(out, "audience", audience);
    out.EndObject();
  });
  // The last line a newcomer sees (and the first-run test looks for).
  if (exit_code == exit_valid && !json) {
    std::printf("\njwtcheck demo: success: a token from the local tenant passed every check\n");
  }
  return exit_code;
}

}  // namespace

Command add_demo_command(CLI::App& parent) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* sub = add_subcommand(parent, "demo",
                                 "The whole job end to end, no account needed: start a local tenant, get a token "
                                 "with the client-credentials grant, verify it against the tenant's JWKS");
  sub->add_option("--alg", flags->alg, "Signing algorithm of the tenant's key (default RS256)");
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_demo(*flags); }};
}

}  // namespace jwtcheck::cli
