// jwtcheck CLI — a verification Report (and failures before one exists) for people and for --json.
#pragma once

#include "claims_view.hpp"
#include "json_output.hpp"
#include "terminal_style.hpp"

#include <jwtcheck/error.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

namespace jwtcheck::cli {

/// A failure before any report: the message on stderr ("jwtcheck COMMAND: error: ..."), and
/// with --json also {"valid": false, "errors": [...]} on stdout. Returns the exit code for it.
int report_failure(std::string_view command, const Error& error, bool json);

/// "  name         value  (note)" lines.
void print_claim_lines(std::span<const ClaimLine> lines, const TerminalStyle& style);
/// "  read:reports  (scope, permissions)" lines, or "  (none)".
void print_scopes(std::span<const ReportScope> scopes, const TerminalStyle& style);

/// Verdict first, then every check with ✓/✗ and expected versus actual, the errors, the key,
/// the claims (times in words as of `now`) and the scopes.
void print_report_human(const Report& report, std::int64_t now, const TerminalStyle& style);

/// The report's members inside an already-open JSON object: valid, errors, checks, header,
/// claims, alg, kid, key_thumbprint, scopes.
void write_report_members(JsonWriter& out, const Report& report);

/// `report` without its scope check when `scopes_required` is false: a check nobody asked for is
/// not shown as "expected []".
Report without_unasked_scope_check(Report report, bool scopes_required);

/// The exit code for a report: 0 valid, else 3 when keys were missing, else 1.
int exit_code_for_report(const Report& report);

}  // namespace jwtcheck::cli

namespace jwtcheck::cli {

/// Prints `report` (human, or one JSON object with `extra_json` members added) and any
/// `warnings` on stderr; returns exit_code_for_report.
int emit_report(const Report& report, std::int64_t now, bool json, const std::vector<std::string>& warnings,
                const std::function<void(JsonWriter&)>& extra_json = {});

/// Like report_failure, for a configuration the flags describe that cannot be used: exit 2.
int usage_failure(std::string_view command, const Error& error, bool json);

}  // namespace jwtcheck::cli
