#include "testing/testing_support.hpp"

#include "support/test_base64url.hpp"

#include <boost/test/unit_test.hpp>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

extern char** environ;

namespace jwtcheck::testing::test {

ProcessResult run_process(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  BOOST_REQUIRE(pipe(pipe_fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  ProcessResult result;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) result.output.append(buffer, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  if (spawned != 0) {
    result.output += "could not run " + argv[0];
    return result;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

ProcessResult run_python_script(std::string_view script, const std::vector<std::string>& args) {
  const char* root = std::getenv("JWTCHECK_SOURCE_ROOT");
  BOOST_REQUIRE_MESSAGE(root != nullptr, "JWTCHECK_SOURCE_ROOT is not set (run through meson test)");
  std::vector<std::string> argv{"/usr/bin/python3", std::string(root) + "/tests/testing/" + std::string(script)};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

std::string token_segment(std::string_view token, int index) {
  for (int i = 0; i < index; ++i) {
    const auto dot = token.find('.');
    BOOST_REQUIRE(dot != std::string_view::npos);
    token.remove_prefix(dot + 1);
  }
  auto decoded = jwtcheck::test::base64url_decode(token.substr(0, token.find('.')));
  BOOST_REQUIRE_MESSAGE(decoded.has_value(), "segment " << index << " is not strict base64url");
  return *decoded;
}

jwtcheck::testing::SigningKey test_key(Alg alg, std::string kid) {
  if (!is_hmac(alg) && alg <= Alg::PS512) {
    static const std::string pem = [] {
      auto rsa = SigningKey::generate(Alg::RS256);
      BOOST_REQUIRE(rsa.ok());
      return rsa->private_pem();
    }();
    auto key = SigningKey::from_private_pem(pem, alg, std::move(kid));
    BOOST_REQUIRE(key.ok());
    return *key;
  }
  auto key = SigningKey::generate(alg, std::move(kid));
  BOOST_REQUIRE(key.ok());
  return *key;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace jwtcheck::testing::test
