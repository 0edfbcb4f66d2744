// The benchmark's output: results, the ratios that matter (with their targets), and where the
// allocations of one jwtcheck verification come from; as a markdown table or as JSON.
#pragma once

#include "bench_case.hpp"
#include "timing.hpp"

#include <utility>
#include <optional>
#include <string>
#include <vector>

namespace bench {

/// One measured case.
struct CaseResult {
  std::string alg;
  std::string name;
  CaseKind kind = CaseKind::jwtcheck;
  unsigned threads = 1;
  Timing timing;
  AllocationsPerCall allocs;  ///< per call on one thread: own (jwtcheck's, or the peer's) and OpenSSL's
};

/// A ratio between two results of one run, with the target it is held to (if any).
struct Ratio {
  std::string alg;
  std::string name;       ///< e.g. "jwtcheck / fastest EVP floor"
  double value = 0;
  std::string target;     ///< e.g. ">= 0.90"; empty: for information
  std::optional<bool> met;
};

/// Everything one run produced.
struct Report {
  bool quick = false;
  std::vector<CaseResult> results;
  std::vector<Ratio> ratios;
  /// Per alg: one line (call stack) per allocation of one jwtcheck verify.
  std::vector<std::pair<std::string, std::vector<std::string>>> allocation_sites;
  std::vector<std::string> notes;
};

/// The ratios for one algorithm's results (all cases of `alg` already measured).
std::vector<Ratio> ratios_for(const std::string& alg, const std::vector<CaseResult>& results);

/// Markdown: a results table per algorithm, the ratios table, allocation sites, notes.
std::string to_markdown(const Report& report);

/// {"results": [{"alg", "case", "ops_per_s", "ns_per_op", "allocs_per_op", "openssl_allocs_per_op",
///               "threads", "kind"}...],
///  "ratios": [...], "allocation_sites": {...}, "notes": [...], "mode": "quick"|"default"}
std::string to_json(const Report& report);

}  // namespace bench
