// jwtcheck — the command-line tool: inspect, get and verify Auth0-style M2M access tokens.
#include "cli_failure.hpp"
#include "command.hpp"
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
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

constexpr std::array<CommandAdder, 7> command_table = {
    add_inspect_command, add_token_command, add_verify_command, add_check_command,
    add_serve_command,   add_demo_command,  add_mint_command,
};

// Edit distance, for "did you mean": small words only (flag and command names).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The closest of `names` to `word`, if it is close enough to be a typo of it.
std::string closest(std::string_view word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 4) + 1;
  for (const std::string& name : names) {
    const std::size_t distance = edit_distance(word, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

std::vector<std::string> flag_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// "did you mean --json?" for an unknown flag, or a command for an unknown command word.
std::string did_you_mean(const CLI::App& app, const CLI::App* command, int argc, char** argv) {
  if (command == nullptr) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      commands.push_back(sub->get_name());
    }
    for (int i = 1; i < argc; ++i) {
      const std::string_view word = argv[i];
      if (word.starts_with("-")) continue;
      const std::string match = closest(word, commands);
      return match.empty() ? std::string() : "did you mean `jwtcheck " + match + "`?";
    }
    return {};
  }
  const std::vector<std::string> names = flag_names(*command);
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (!word.starts_with("-") || word == "-" || word == "--") continue;
    word = word.substr(0, word.find('='));
    if (std::find(names.begin(), names.end(), word) != names.end()) continue;
    const std::string match = closest(word, names);
    if (!match.empty()) return "did you mean " + match + "?";
  }
  return {};
}

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
      if (failure.hint.empty()) failure.hint = "the commands are inspect, token, verify, check, serve, demo and mint";
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
