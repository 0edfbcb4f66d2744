// jwtcheck — the command-line tool: inspect, get and verify Auth0-style M2M access tokens.
#include "command.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <cstdio>
#include <exception>

namespace jwtcheck::cli {

const char* version_text() noexcept { return "jwtcheck " JWTCHECK_VERSION; }

namespace {

using CommandAdder = Command (*)(CLI::App&);

constexpr std::array<CommandAdder, 6> command_table = {
    add_inspect_command, add_token_command, add_verify_command,
    add_check_command,   add_serve_command, add_demo_command,
};

// CLI11 has its own exit codes (100+); scripts get ours: help and version are 0, any parse error 2.
int exit_for_parse_error(CLI::App& app, const CLI::ParseError& error) {
  const int cli11_code = app.exit(error);
  return cli11_code == 0 ? exit_valid : exit_usage;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"jwtcheck: inspect, obtain and verify Auth0-style machine-to-machine access tokens.\n"
               "Exit codes: 0 valid, 1 token refused, 2 usage error, 3 keys or token could not be obtained.",
               "jwtcheck"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);
  app.fallthrough(false);

  std::vector<Command> commands;
  for (CommandAdder add : command_table) commands.push_back(add(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return exit_for_parse_error(app, error);
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
