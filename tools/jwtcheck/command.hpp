// jwtcheck CLI — a subcommand: its CLI11 parser and what it does once the arguments are parsed.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace jwtcheck::cli {

/// A registered subcommand. `run` returns the process exit code (see exit_codes.hpp).
struct Command {
  CLI::App* parser = nullptr;
  std::function<int()> run;
};

/// Each adds its subcommand to `parent`; the options live as long as the returned closure.
Command add_inspect_command(CLI::App& parent);
Command add_token_command(CLI::App& parent);
Command add_verify_command(CLI::App& parent);
Command add_check_command(CLI::App& parent);
Command add_serve_command(CLI::App& parent);
Command add_demo_command(CLI::App& parent);
Command add_mint_command(CLI::App& parent);
Command add_authz_command(CLI::App& parent);
Command add_config_command(CLI::App& parent);

/// "jwtcheck 0.1.0", printed by --version on every command.
const char* version_text() noexcept;

}  // namespace jwtcheck::cli
