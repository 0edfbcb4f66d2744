// `jwtcheck token`: get an access token with the client-credentials grant and print it alone,
// so that TOKEN=$(jwtcheck token ...) works.
#include "cli_failure.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "json_output.hpp"
#include "report_output.hpp"
#include "token_request.hpp"

#include <jwtcheck/fetch/token_client.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <set>
#include <sstream>

namespace jwtcheck::cli {

namespace {

struct TokenFlags {
  TokenRequestFlags request;
  bool strict = false;
  HttpFlags http;
  OutputFlags output;
};

void print_token_json(const AccessToken& token) {
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
  if (json) {
    print_token_json(*token);
  } else {
    std::printf("%s\n", token->access_token.c_str());
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
  add_http_options(*sub, flags->http);
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_token(*flags); }};
}

}  // namespace jwtcheck::cli
