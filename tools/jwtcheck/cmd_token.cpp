// `jwtcheck token`: get an access token with the client-credentials grant and print it alone,
// so that TOKEN=$(jwtcheck token ...) works.
#include "cli_failure.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "report_output.hpp"
#include "token_request.hpp"

#include <jwtcheck/fetch/dpop_proof.hpp>
#include <jwtcheck/fetch/token_client.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace jwtcheck::cli {

namespace {

struct TokenFlags {
  TokenRequestFlags request;
  bool strict = false;
  std::string dpop_key_file;            ///< --dpop-key: ask for a DPoP-bound token
  std::vector<std::string> dpop_proof;  ///< --dpop-proof METHOD URL: also print a proof for that request
  HttpFlags http;
  OutputFlags output;
};

void print_token_json(const AccessToken& token, const std::string& proof) {
  JsonDocument doc;
  JsonWriter& out = doc.writer();
  out.StartObject();
  write_member(out, "access_token", token.access_token);
  write_member(out, "token_type", token.token_type);
  write_string(out, "expires_in");
  if (token.expires_in) {
    out.Int64(token.expires_in->count());
  } else {
    out.Null();
  }
  write_member(out, "scope", token.scope);
  if (!proof.empty()) write_member(out, "dpop_proof", proof);
  out.EndObject();
  doc.print();
}

// The requested scopes (space-separated) the answer's granted scope string lacks, quoted.
std::string ungranted_scopes(const std::string& requested, const std::string& granted) {
  std::istringstream wanted(requested);
  std::set<std::string> have;
  std::istringstream given(granted);
  for (std::string word; given >> word;) have.insert(word);
  std::string missing;
  for (std::string word; wanted >> word;) {
    if (!have.contains(word)) missing += (missing.empty() ? "\"" : ", \"") + word + "\"";
  }
  return missing;
}

int run_token(const TokenFlags& flags) {
  constexpr std::string_view command = "token";
  const bool json = flags.output.json;
  auto config = token_client_config(flags.request, flags.http.to_http_options());
  if (!config) return report_failure(command, config.error(), json);
  if (!flags.dpop_proof.empty() && flags.dpop_key_file.empty())
    return usage_failure(command, Error{ErrorCode::invalid_policy, "--dpop-proof needs --dpop-key"}, json);
  std::optional<ClientKey> dpop_key;  // kept here too: the proof for --dpop-proof is made with it
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
  if (const std::string missing = ungranted_scopes(flags.request.scope, token->scope); !missing.empty()) {
    const std::string message = "the tenant did not grant the requested scope " + missing + " (granted: \"" +
                                token->scope + "\")";
    if (flags.strict) {
      return print_failure(CliFailure{std::string(command), "missing_scope", message,
                                      "grant it to this client for this audience, or ask for less", exit_refused},
                           json);
    }
    std::fprintf(stderr, "jwtcheck token: warning: %s\n", message.c_str());
  }
  std::string proof;
  if (flags.dpop_proof.size() == 2) {
    auto made = make_dpop_proof(*dpop_key, {flags.dpop_proof[0], flags.dpop_proof[1], token->access_token, {}});
    if (!made) return usage_failure(command, made.error(), json);
    proof = std::move(*made);
  }
  if (json) {
    print_token_json(*token, proof);
  } else {
    std::printf("%s\n", token->access_token.c_str());
    if (!proof.empty()) std::printf("%s\n", proof.c_str());
    std::fflush(stdout);
  }
  return exit_valid;
}

}  // namespace

Command add_token_command(CLI::App& parent) {
  auto flags = std::make_shared<TokenFlags>();
  CLI::App* sub = add_subcommand(parent, "token",
                                 "Get an access token with the client-credentials grant and print it "
                                 "(the secret comes from --client-secret-file or JWTCHECK_CLIENT_SECRET)");
  add_token_request_options(*sub, flags->request, false);
  sub->add_flag("--strict", flags->strict, "Fail (exit 1, no token) when a --scope asked for is not granted");
  sub->add_option("--dpop-key", flags->dpop_key_file,
                  "PEM private key (ES256/RS256/PS256/EdDSA) to ask for a DPoP-bound token (RFC 9449): the token "
                  "request carries a DPoP proof made with it");
  sub->add_option("--dpop-proof", flags->dpop_proof,
                  "With --dpop-key: also print (on a second line; in --json as dpop_proof) a DPoP proof for the "
                  "request METHOD URL, bound to the token (ath)")
      ->expected(2)
      ->type_name("METHOD URL");
  add_http_options(*sub, flags->http);
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_token(*flags); }};
}

}  // namespace jwtcheck::cli
