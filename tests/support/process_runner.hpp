// Runs the built jwtcheck binary ($JWTCHECK_BIN) as a child process and captures what it prints
// (tests/tools, tests/hygiene).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace jwtcheck::test {

/// What a finished run printed and how it ended.
struct RunResult {
  int exit_code = -1;     ///< the exit status, or -1 when killed by a signal
  int signal = 0;         ///< the signal that ended it, else 0
  std::string out, err;
  /// Everything printed, for "appears nowhere" assertions.
  std::string all() const { return out + err; }
};

/// Extra environment: name -> value; a value of "\x01unset" removes the variable.
using EnvChanges = std::map<std::string, std::string>;
inline const std::string unset_env = "\x01unset";

/// The jwtcheck binary under test ($JWTCHECK_BIN; the test fails when unset).
std::string jwtcheck_binary();

/// Runs jwtcheck with `args`, feeding `stdin_text` (stdin is a pipe, so never a terminal), and
/// kills it after `timeout`. NO_COLOR is not set unless `env` says so.
RunResult run_jwtcheck(const std::vector<std::string>& args, const std::string& stdin_text = {},
                       const EnvChanges& env = {}, std::chrono::seconds timeout = std::chrono::seconds(60));

/// A child left running (for `jwtcheck serve`): read its output line by line, then signal it.
class RunningProcess {
 public:
  RunningProcess(const std::vector<std::string>& args, const EnvChanges& env = {});
  ~RunningProcess();
  RunningProcess(const RunningProcess&) = delete;
  RunningProcess& operator=(const RunningProcess&) = delete;

  /// The next line of stdout (without the newline); empty when it ended or `timeout` passed.
  std::string read_line(std::chrono::seconds timeout);
  /// Sends `signal` and waits (up to `timeout`, then SIGKILL) for the exit; returns how it ended.
  RunResult stop(int signal, std::chrono::seconds timeout);

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1, err_fd_ = -1;
  std::string pending_out_, err_;
};

}  // namespace jwtcheck::test
