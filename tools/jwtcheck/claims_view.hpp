// jwtcheck CLI — a token's claims laid out for display (both the inspect and verify reports).
#pragma once

#include <jwtcheck/verifier.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::cli {

/// One member of a JSON object for display.
struct ClaimLine {
  std::string name;
  std::string value;  ///< strings unquoted, anything else as compact JSON
  std::optional<std::int64_t> time;  ///< for exp, nbf, iat and auth_time holding a number
  std::string note;   ///< "expires in 23 h (2024-05-01 12:00:00 UTC)" for times, else empty
};

/// The members of a JSON object in document order; empty when it is not one.
std::vector<ClaimLine> claim_lines(std::string_view json_object, std::int64_t now);

/// The scopes of unverified claims (for `inspect`, where no Verifier report exists), merged like
/// the verifier does: "scope" split on spaces, "scp" (array or string), "permissions" (array).
std::vector<ReportScope> unverified_scopes(std::string_view claims_json);

}  // namespace jwtcheck::cli
