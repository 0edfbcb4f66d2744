// jwtcheck authz — reading the TOML config file (schema: docs/authz.md), every key checked.
#pragma once

#include "authz_config.hpp"

#include <jwtcheck/error.hpp>

#include <string>

namespace jwtcheck::cli::authz {

/// Parses and checks FILE. Errors: invalid_policy naming "FILE:LINE: key: problem" for syntax
/// errors, unknown keys, wrong types, missing or conflicting keys; io_error for an unreadable file.
Result<AuthzConfig> load_config_file(const std::string& path);

/// The same checks on text (for tests and error messages naming `path`).
Result<AuthzConfig> parse_config_text(std::string_view text, const std::string& path);

}  // namespace jwtcheck::cli::authz
