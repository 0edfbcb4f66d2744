#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace jwtcheck::test {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    read = fds[0];
    write = fds[1];
  }
};

std::vector<std::string> child_environment(const EnvChanges& changes) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (changes.count(name) == 0) env.push_back(entry);
  }
  for (const auto& [name, value] : changes) {
    if (value != unset_env) env.push_back(name + "=" + value);
  }
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// Starts the binary with stdin/stdout/stderr on pipes; returns the pid and the parent's ends.
pid_t spawn(const std::vector<std::string>& args, const EnvChanges& env, int& in_fd, int& out_fd, int& err_fd) {
  Pipe in, out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write, STDERR_FILENO);
  std::vector<std::string> argv_strings{jwtcheck_binary()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = child_environment(env);
  auto argv = c_strings(argv_strings);
  auto envp = c_strings(env_strings);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in.read);
  close(out.write);
  close(err.write);
  if (rc != 0) throw std::runtime_error(std::string("posix_spawn failed: ") + std::strerror(rc));
  in_fd = in.write;
  out_fd = out.read;
  err_fd = err.read;
  return pid;
}

void fill_exit(RunResult& result, int status) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

// Reads whatever is available from the fd into `into`; false at end of file.
bool drain(int fd, std::string& into) {
  char buffer[8192];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    into.append(buffer, static_cast<std::size_t>(n));
    return true;
  }
  return n < 0 && errno == EINTR;
}

}  // namespace

std::string jwtcheck_binary() {
  const char* path = std::getenv("JWTCHECK_BIN");
  if (path == nullptr || *path == '\0') throw std::runtime_error("JWTCHECK_BIN is not set (tests/tools/meson.build sets it)");
  return path;
}

RunResult run_jwtcheck(const std::vector<std::string>& args, const std::string& stdin_text, const EnvChanges& env,
                       std::chrono::seconds timeout) {
  int in_fd = -1, out_fd = -1, err_fd = -1;
  const pid_t pid = spawn(args, env, in_fd, out_fd, err_fd);
  // Tokens are small: the whole input fits in the pipe buffer, so writing first cannot deadlock.
  signal(SIGPIPE, SIG_IGN);
  if (!stdin_text.empty() && ::write(in_fd, stdin_text.data(), stdin_text.size()) < 0) {
    BOOST_TEST_MESSAGE("the child closed stdin early");
  }
  close(in_fd);
  RunResult result;
  const auto deadline = Clock::now() + timeout;
  bool out_open = true, err_open = true;
  while ((out_open || err_open) && Clock::now() < deadline) {
    pollfd fds[2] = {{out_open ? out_fd : -1, POLLIN, 0}, {err_open ? err_fd : -1, POLLIN, 0}};
    if (poll(fds, 2, 200) <= 0) continue;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP))) out_open = drain(out_fd, result.out);
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP))) err_open = drain(err_fd, result.err);
  }
  if (out_open || err_open) kill(pid, SIGKILL);
  close(out_fd);
  close(err_fd);
  int status = 0;
  waitpid(pid, &status, 0);
  fill_exit(result, status);
  return result;
}

RunningProcess::RunningProcess(const std::vector<std::string>& args, const EnvChanges& env) {
  int in_fd = -1;
  pid_ = spawn(args, env, in_fd, out_fd_, err_fd_);
  close(in_fd);
}

RunningProcess::~RunningProcess() {
  if (pid_ > 0) stop(SIGKILL, std::chrono::seconds(5));
}

std::string RunningProcess::read_line(std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (pending_out_.find('\n') == std::string::npos && Clock::now() < deadline) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    if (poll(fds, 2, 200) <= 0) continue;
    if (fds[1].revents & POLLIN) drain(err_fd_, err_);
    if ((fds[0].revents & (POLLIN | POLLHUP)) && !drain(out_fd_, pending_out_)) break;
  }
  const std::size_t newline = pending_out_.find('\n');
  if (newline == std::string::npos) return {};
  std::string line = pending_out_.substr(0, newline);
  pending_out_.erase(0, newline + 1);
  return line;
}

RunResult RunningProcess::stop(int signal, std::chrono::seconds timeout) {
  RunResult result;
  if (pid_ <= 0) return result;
  kill(pid_, signal);
  const auto deadline = Clock::now() + timeout;
  int status = 0;
  pid_t done = 0;
  while ((done = waitpid(pid_, &status, WNOHANG)) == 0 && Clock::now() < deadline) {
    usleep(20 * 1000);
  }
  if (done == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    result.err = "(killed: did not exit within the timeout)\n";
  }
  fill_exit(result, status);
  while (drain(out_fd_, pending_out_)) {
  }
  while (drain(err_fd_, err_)) {
  }
  result.out = pending_out_;
  result.err += err_;
  close(out_fd_);
  close(err_fd_);
  pid_ = -1;
  return result;
}

}  // namespace jwtcheck::test
