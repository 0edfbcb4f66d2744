// jwtcheck CLI — "did you mean" for a mistyped option or command (edit distance to the known names).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace jwtcheck::cli {

/// "did you mean --json?" for the first unknown option of `command` on the command line, or
/// "did you mean `jwtcheck verify`?" when no command was recognised (`command` null); empty when
/// nothing is close enough.
std::string did_you_mean(const CLI::App& app, const CLI::App* command, int argc, char** argv);

}  // namespace jwtcheck::cli
