// `jwtcheck inspect [TOKEN|-]`: decode a token and explain it, verifying NOTHING.
#include "claims_view.hpp"
#include "cli_failure.hpp"
#include "command.hpp"
#include "common_options.hpp"
#include "exit_codes.hpp"
#include "human_time.hpp"
#include "json_output.hpp"
#include "report_output.hpp"
#include "terminal_style.hpp"
#include "token_input.hpp"

#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier_options.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

namespace jwtcheck::cli {

namespace {

struct InspectFlags {
  std::vector<std::string> tokens;  ///< one, or none for standard input; more are refused
  std::optional<std::int64_t> now;
  bool payload_only = false, header_only = false;
  OutputFlags output;
};

void write_times_json(JsonWriter& out, std::string_view claims_json, std::int64_t now) {
  out.StartObject();
  for (const ClaimLine& line : claim_lines(claims_json, now)) {
    if (!line.time) continue;
    write_string(out, line.name);
    out.StartObject();
    write_string(out, "epoch");
    out.Int64(*line.time);
    write_member(out, "utc", utc_text(*line.time));
    write_member(out, "relative", describe_time_claim(line.name, *line.time, now));
    out.EndObject();
  }
  out.EndObject();
}

void print_inspect_json(const UnverifiedToken& token, std::int64_t now) {
  JsonDocument doc;
  JsonWriter& out = doc.writer();
  out.StartObject();
  write_string(out, "verified");
  out.Bool(false);
  write_string(out, "header");
  write_embedded_json(out, token.header_json);
  write_string(out, "claims");
  write_embedded_json(out, token.claims_json);
  write_member(out, "alg", token.alg);
  write_member(out, "kid", token.kid);
  write_member(out, "typ", token.typ);
  write_string(out, "signature_bytes");
  out.Uint64(token.signature_bytes);
  write_string(out, "now");
  out.Int64(now);
  write_string(out, "times");
  write_times_json(out, token.claims_json, now);
  write_string(out, "scopes");
  write_scopes(out, unverified_scopes(token.claims_json));
  out.EndObject();
  doc.print();
}

void print_inspect_human(const UnverifiedToken& token, std::int64_t now) {
  const TerminalStyle style = TerminalStyle::for_stream(stdout);
  std::printf("%s\n", style.warn(style.bold("UNVERIFIED: decoded only. NOTHING was verified — not the signature, "
                                            "not the issuer, not the expiry. Use `jwtcheck verify` to trust it."))
                          .c_str());
  std::printf("\n%s\n", style.bold("Header").c_str());
  print_claim_lines(claim_lines(token.header_json, now), style);
  if (token.signature_bytes == 0)
    std::printf("  %-12s %s\n", "signature", style.warn("none: an UNSIGNED token, which no verifier accepts").c_str());
  else
    std::printf("  %-12s %zu bytes (not checked)\n", "signature", token.signature_bytes);
  std::printf("\n%s\n", style.bold("Claims").c_str());
  print_claim_lines(claim_lines(token.claims_json, now), style);
  std::printf("\n%s\n", style.bold("Scopes").c_str());
  print_scopes(unverified_scopes(token.claims_json), style);
}

int run_inspect(const InspectFlags& flags) {
  if (const std::string problem = token_arguments_problem(flags.tokens); !problem.empty()) {
    return print_failure(CliFailure{std::string("inspect"), "usage_error", problem,
                                    "pass one token as the argument, or - (or nothing) to read it from standard input",
                                    exit_usage},
                         flags.output.json);
  }
  auto token = read_token(flags.tokens);
  if (!token) return report_failure("inspect", token.error(), flags.output.json);
  auto decoded = decode_unverified(*token);
  if (!decoded) return report_failure("inspect", decoded.error(), flags.output.json);
  if (flags.payload_only || flags.header_only) {
    // Just that JSON, byte for byte as the token holds it: for `| jq`.
    std::printf("%s\n", (flags.payload_only ? decoded->claims_json : decoded->header_json).c_str());
    std::fflush(stdout);
    return exit_valid;
  }
  const std::int64_t now = flags.now ? *flags.now : system_clock_now();
  if (flags.output.json) {
    print_inspect_json(*decoded, now);
  } else {
    print_inspect_human(*decoded, now);
  }
  return exit_valid;
}

}  // namespace

Command add_inspect_command(CLI::App& parent) {
  auto flags = std::make_shared<InspectFlags>();
  CLI::App* sub = add_subcommand(parent, "inspect",
                                 "Decode a token and explain it WITHOUT verifying anything (marked UNVERIFIED)");
  sub->add_option("token", flags->tokens, "The token, or - to read it from standard input (the default)");
  sub->add_option("--now", flags->now, "Describe times as of this instant (seconds since the Unix epoch)");
  auto* payload = sub->add_flag("-p,--payload", flags->payload_only,
                                "Print only the claims (payload) JSON, unverified, e.g. for jq");
  auto* header = sub->add_flag("--header", flags->header_only, "Print only the header JSON, unverified");
  payload->excludes(header);
  add_output_options(*sub, flags->output);
  return Command{sub, [flags] { return run_inspect(*flags); }};
}

}  // namespace jwtcheck::cli
