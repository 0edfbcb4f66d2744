#include "report_output.hpp"

#include "cli_failure.hpp"
#include "exit_codes.hpp"
#include "terminal_text.hpp"

#include <cstdio>
#include <string>

namespace jwtcheck::cli {

namespace {

std::string join_sources(unsigned sources) {
  std::string text;
  for (std::string_view name : scope_source_names(sources)) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

void print_verdict(const Report& report, const TerminalStyle& style) {
  if (report.valid) {
    std::printf("%s\n", style.good(style.bold("✓ VALID: the token passed every check")).c_str());
    return;
  }
  const std::size_t n = report.errors.size();
  if (exit_code_for_refusal(report.errors) == exit_unavailable) {
    // Exit 3: no key was obtained, so nothing was said about the token itself.
    std::printf("%s\n", style.bad(style.bold("✗ NOT CHECKED: the token could not be checked (no key to verify it "
                                             "with could be obtained)"))
                            .c_str());
    return;
  }
  std::printf("%s\n", style.bad(style.bold("✗ INVALID: the token was refused (" + std::to_string(n) +
                                           (n == 1 ? " problem)" : " problems)")))
                          .c_str());
}

void print_checks(std::span<const Check> checks, TokenProfile profile, const TerminalStyle& style) {
  if (checks.empty()) return;
  std::printf("\n%s (profile %s)\n", style.bold("Checks").c_str(), std::string(profile_name(profile)).c_str());
  for (const Check& check : checks) {
    std::printf("  %s %-10s expected %s, got %s\n", style.mark(check.passed).c_str(), terminal_safe(check.name).c_str(),
                terminal_safe(check.expected).c_str(), terminal_safe(check.actual).c_str());
  }
}

void print_errors(std::span<const Error> errors, const TerminalStyle& style) {
  if (errors.empty()) return;
  std::printf("\n%s\n", style.bold("Problems").c_str());
  for (const Error& error : errors) {
    std::printf("  %s %s: %s\n", style.mark(false).c_str(), std::string(code_name(error.code)).c_str(),
                terminal_safe(error.message).c_str());
  }
}

void print_key(const Report& report, const TerminalStyle& style) {
  if (report.alg.empty() && report.kid.empty()) return;
  std::printf("\n%s\n", style.bold("Key").c_str());
  std::printf("  %-12s %s\n", "alg", terminal_safe(report.alg).c_str());
  std::printf("  %-12s %s\n", "kid", report.kid.empty() ? "(none)" : terminal_safe(report.kid).c_str());
  if (!report.key_thumbprint.empty()) std::printf("  %-12s %s\n", "thumbprint", report.key_thumbprint.c_str());
}

}  // namespace

int report_failure(std::string_view command, const Error& error, bool json) {
  return print_failure(CliFailure{std::string(command), std::string(code_name(error.code)), error.message,
                                  hint_for(error), exit_code_for(error.code)},
                       json);
}

void print_claim_lines(std::span<const ClaimLine> lines, const TerminalStyle& style) {
  for (const ClaimLine& line : lines) {
    std::printf("  %-12s %s", terminal_safe(line.name).c_str(), terminal_safe(line.value).c_str());
    if (!line.note.empty()) std::printf("  %s", style.dim("(" + line.note + ")").c_str());
    std::printf("\n");
  }
}

void print_scopes(std::span<const ReportScope> scopes, const TerminalStyle& style) {
  if (scopes.empty()) std::printf("  (none)\n");
  for (const ReportScope& scope : scopes) {
    std::printf("  %-24s %s\n", terminal_safe(scope.name).c_str(), style.dim("(" + join_sources(scope.sources) + ")").c_str());
  }
}

void print_report_human(const Report& report, std::int64_t now, const TerminalStyle& style) {
  print_verdict(report, style);
  print_checks(report.checks, report.profile, style);
  print_errors(report.errors, style);
  print_key(report, style);
  if (!report.claims_json.empty()) {
    std::printf("\n%s\n", style.bold("Claims").c_str());
    print_claim_lines(claim_lines(report.claims_json, now), style);
    std::printf("\n%s\n", style.bold("Scopes").c_str());
    print_scopes(report.scopes, style);
  }
  std::fflush(stdout);
}

void write_report_members(JsonWriter& out, const Report& report) {
  write_string(out, "valid");
  out.Bool(report.valid);
  write_string(out, "errors");
  write_errors(out, report.errors);
  write_string(out, "checks");
  write_checks(out, report.checks);
  write_string(out, "header");
  write_embedded_json(out, report.header_json);
  write_string(out, "claims");
  write_embedded_json(out, report.claims_json);
  write_member(out, "alg", report.alg);
  write_member(out, "kid", report.kid);
  write_member(out, "key_thumbprint", report.key_thumbprint);
  write_member(out, "profile", profile_name(report.profile));
  write_string(out, "scopes");
  write_scopes(out, report.scopes);
}

Report without_unasked_scope_check(Report report, bool scopes_required) {
  if (!scopes_required) {
    std::erase_if(report.checks, [](const Check& check) { return check.name == "scope" && check.passed; });
  }
  return report;
}

int exit_code_for_report(const Report& report) {
  return report.valid ? exit_valid : exit_code_for_refusal(report.errors);
}

}  // namespace jwtcheck::cli

namespace jwtcheck::cli {

int emit_report(const Report& report, std::int64_t now, bool json, const std::vector<std::string>& warnings,
                const std::function<void(JsonWriter&)>& extra_json) {
  for (const std::string& warning : warnings) std::fprintf(stderr, "jwtcheck: warning: %s\n", warning.c_str());
  if (json) {
    JsonDocument doc;
    JsonWriter& out = doc.writer();
    out.StartObject();
    write_report_members(out, report);
    write_string(out, "warnings");
    out.StartArray();
    for (const std::string& warning : warnings) write_string(out, warning);
    out.EndArray();
    if (extra_json) extra_json(out);
    out.EndObject();
    doc.print();
  } else {
    print_report_human(report, now, TerminalStyle::for_stream(stdout));
  }
  return exit_code_for_report(report);
}

int usage_failure(std::string_view command, const Error& error, bool json) {
  return print_failure(
      CliFailure{std::string(command), std::string(code_name(error.code)), error.message, hint_for(error), exit_usage},
      json);
}

}  // namespace jwtcheck::cli
