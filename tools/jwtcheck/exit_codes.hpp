// jwtcheck CLI — the process exit codes scripts branch on (a documented contract).
#pragma once

#include <jwtcheck/error.hpp>

#include <span>

namespace jwtcheck::cli {

/// 0 valid, 1 token refused, 2 usage error, 3 keys or token could not be obtained.
enum Exit : int {
  exit_valid = 0,
  exit_refused = 1,
  exit_usage = 2,
  exit_unavailable = 3,
};

/// The exit code for one library error: fetch, file and key-loading problems are 3,
/// an unusable configuration or URL given on the command line is 2, anything about the token is 1.
Exit exit_code_for(ErrorCode code) noexcept;

/// The exit code for a refused token's errors: 3 if any of them says keys were missing, else 1.
Exit exit_code_for_refusal(std::span<const Error> errors) noexcept;

}  // namespace jwtcheck::cli
