// Helpers for the testing library's own tests: subprocesses (Debian's python3 as an independent
// implementation), temp dirs, and decoding token segments.
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "support/error_printing.hpp"
#include "support/temp_dir.hpp"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck {
inline std::ostream& boost_test_print_type(std::ostream& out, Alg alg) { return out << alg_name(alg); }
inline std::ostream& boost_test_print_type(std::ostream& out, KeyType type) { return out << static_cast<int>(type); }
}  // namespace jwtcheck

namespace jwtcheck::testing::test {

struct ProcessResult {
  int exit_code = -1;  ///< -1 when the process could not run or was killed
  std::string output;  ///< stdout and stderr together
};

/// Runs argv[0] (a path, not searched in PATH) with the arguments; waits for it.
ProcessResult run_process(const std::vector<std::string>& argv);

/// Runs /usr/bin/python3 on a script in tests/testing/ (found through JWTCHECK_SOURCE_ROOT).
ProcessResult run_python_script(std::string_view script, const std::vector<std::string>& args);

using jwtcheck::test::TempDir;  // tests/support/temp_dir.hpp

/// The base64url-decoded segment `index` (0 header, 1 claims, 2 signature) of a compact token.
std::string token_segment(std::string_view token, int index);

/// A SigningKey for `alg`; RSA ones (RS*/PS*) share one 2048-bit key generated once per process,
/// because generating RSA keys is slow on a busy machine.
jwtcheck::testing::SigningKey test_key(Alg alg, std::string kid = {});

/// Reads a whole file.
std::string read_file(const std::string& path);

}  // namespace jwtcheck::testing::test
