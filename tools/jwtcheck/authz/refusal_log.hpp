// jwtcheck authz — one JSON line on standard error per refused check (never the token).
#pragma once

#include "decision.hpp"

#include <string>
#include <string_view>

namespace jwtcheck::cli::authz {

/// {"event":"refused","status":…,"reason":…,"description":…,"issuer":…,"kid":…,"client_id":…,
///  "route":…,"method":…,"path":…,"request_id":…,"retryable":…}. iss, kid and client id are as
/// the token claims them (unverified). The path is logged without its query.
std::string refusal_log_line(const Decision& decision, std::string_view method, std::string_view uri,
                             std::string_view request_id);

/// Writes one line (with its newline) to standard error in one call.
void write_log_line(const std::string& line);

}  // namespace jwtcheck::cli::authz
