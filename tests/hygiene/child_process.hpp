// Runs the built jwtcheck binary ($JWTCHECK_BIN) as a child process and captures everything it
// prints (stdout and stderr through temporary files, so a chatty child can never block).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace hygiene {

struct ChildRun {
  int exit_code = -1;  ///< the exit status, or -1 when killed by a signal
  int signal = 0;      ///< the signal that ended it, else 0
  std::string output;  ///< stdout followed by stderr
};

/// Environment changes for the child: name -> value; an empty value removes the variable.
using EnvChanges = std::map<std::string, std::string>;

/// Runs $JWTCHECK_BIN with `args` (stdin /dev/null), killing it after `timeout`.
/// Throws std::runtime_error when JWTCHECK_BIN is unset or the child cannot be started.
ChildRun run_jwtcheck_binary(const std::vector<std::string>& args, const EnvChanges& env = {},
                             std::chrono::seconds timeout = std::chrono::seconds(120));

/// A fresh directory under /tmp, removed with its content on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  /// Writes `content` to `name` in the directory; returns the full path.
  std::string write(const std::string& name, const std::string& content) const;
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

}  // namespace hygiene
