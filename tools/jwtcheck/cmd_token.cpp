// `jwtcheck token`: get an access token with the client-credentials grant and print it alone,
// so that TOKEN=$(jwtcheck token ...) works.
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

namespace jwtcheck::cli {

namespace {

struct TokenFlags {
  TokenRequestFlags request;
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

int run_token(const TokenFlags& flags) {
  constexpr std::string_view command = "token";
  const bool json = flags.output.json;
  auto config = token_client_config(flags.request, flags.http.to_http_options());
  if (!config) return report_failure(command, config.error(), json);
  auto client = TokenClient::create(std::move(*config));
  if (!client) return usage_failure(command, client.error(), json);
  auto token = client->token();
  if (!token) return report_failure(command, token.error(), json);
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
  add_http_options(*sub, flags->http);
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_token(*flags); }};
}

}  // namespace jwtcheck::cli
