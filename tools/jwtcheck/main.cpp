// jwtcheck — the command-line tool: inspect, get and verify Auth0-style M2M access tokens.
#include "cli_failure.hpp"
#include "command.hpp"
#include "did_you_mean.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::cli {

const char* version_text() noexcept { return "jwtcheck " JWTCHECK_VERSION; }

namespace {

using CommandAdder = Command (*)(CLI::App&);

constexpr std::array<CommandAdder, 9> command_table = {
    add_inspect_command, add_token_command, add_verify_command, add_check_command, add_serve_command,
    add_demo_command,    add_mint_command,  add_authz_command,  add_config_command,
};

// The subcommand the command line named, if parsing got that far.
const CLI::App* parsed_command(const CLI::App& app) {
  const auto parsed = app.get_subcommands();
  return parsed.empty() ? nullptr : parsed.front();
}

// --json (or -j) anywhere on the command line: even a line CLI11 refused gets a JSON answer.
bool asks_for_json(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--json" || word == "-j") return true;
  }
  return false;
}

// Help and version exit 0 as CLI11 prints them; every real parse error goes through print_failure.
int exit_for_parse_error(CLI::App& app, const CLI::ParseError& error, int argc, char** argv) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    app.exit(error);
    return exit_valid;
  }
  const CLI::App* command = parsed_command(app);
  CliFailure failure;
  failure.command = command == nullptr ? std::string() : command->get_name();
  failure.code = "usage_error";
  failure.message = error.what();
  failure.hint = did_you_mean(app, command, argc, argv);
  if (command == nullptr) {
    // CLI11 says "A subcommand is required" even when a word was given: name the word instead.
    for (int i = 1; i < argc; ++i) {
      if (std::string_view(argv[i]).starts_with("-")) continue;
      failure.message = "unknown command \"" + std::string(argv[i]) + "\"";
      if (failure.hint.empty()) failure.hint = "the commands are inspect, token, verify, check, serve, demo, mint and authz";
      break;
    }
  }
  if (failure.hint.empty()) {
    failure.hint = "see `jwtcheck " + (command == nullptr ? std::string() : failure.command + " ") + "--help`";
  }
  failure.exit_code = exit_usage;
  return print_failure(failure, asks_for_json(argc, argv));
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"jwtcheck: inspect, obtain and verify Auth0-style machine-to-machine access tokens.\n"
               "Exit codes: 0 valid, 1 token refused, 2 usage error, 3 keys or token could not be obtained (the token could\n"
               "not be checked), 70 internal error.",
               "jwtcheck"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<Command> commands;
  for (CommandAdder add : command_table) commands.push_back(add(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return exit_for_parse_error(app, error, argc, argv);
  }
  for (const Command& command : commands) {
    if (command.parser->parsed()) return command.run();
  }
  return exit_usage;  // unreachable: require_subcommand(1)
}

}  // namespace jwtcheck::cli

int main(int argc, char** argv) {
  try {
    return jwtcheck::cli::run(argc, argv);
  } catch (const std::exception& e) {
    // Programmer errors only: the library reports failures through Result, never by throwing.
    std::fprintf(stderr, "jwtcheck: internal error: %s\n", e.what());
    return 70;
  }
}
