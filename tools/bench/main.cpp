// jwtcheck-bench: verifications per second of jwtcheck against the raw-OpenSSL floor and the JWT
// libraries Debian packages, per algorithm, in one run. Every case must accept the valid token and
// refuse tampered ones before it is timed. Output: markdown (default) or JSON (--json).
#include "alloc_counter.hpp"
#include "cache_component_cases.hpp"
#include "fixture.hpp"
#include "floor_cases.hpp"
#include "jwtcheck_cases.hpp"
#include "peer_cases.hpp"
#include "report.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

namespace bench {
namespace {

struct RunConfig {
  bool quick = false;
  bool json = false;
  std::vector<std::string> algs{"RS256", "PS256", "ES256", "EdDSA", "HS256"};
  unsigned rounds = 5;
  std::chrono::milliseconds per_round{400};
  std::size_t distinct_tokens = 128;
  unsigned alloc_calls = 200;
  std::vector<std::string> cases;  ///< exact case names to run (default: all); for short A/B runs
  bool thread_cpu_time = false;    ///< single-thread cases timed in the thread's CPU time
};

struct Prepared {
  BenchCase spec;
  Operation op;
  Timing best;
  AllocationsPerCall allocs;
};

void require(bool condition, const std::string& alg, const BenchCase& c, const std::string& what) {
  if (!condition) fail(alg + " / " + c.name + ": " + what + " — refusing to time a case that is wrong");
}

// Nothing fast-but-wrong gets timed: the valid token must pass (twice: the second time may be a
// cache hit), tampered ones must fail (also after the valid one was cached), the timed loop's inputs must pass.
Operation validated_operation(const BenchCase& c, const AlgFixture& f, const std::string& alg) {
  const VerifyFn verify = c.make();
  const Samples& s = f.samples;
  require(verify(s.valid), alg, c, "the valid token was refused");
  require(verify(s.valid), alg, c, "the valid token was refused the second time");
  require(!verify(s.tampered_signature), alg, c, "a token with one signature bit flipped was accepted");
  require(!verify(s.tampered_claims), alg, c, "a token with altered claims was accepted");
  if (!c.timed) return [verify, &s] { return verify(s.valid); };
  Operation op = c.timed(verify);
  for (std::size_t i = 0; i < 2 * f.distinct_tokens.size(); ++i) require(op(), alg, c, "a distinct valid token was refused");
  require(!verify(s.tampered_signature), alg, c, "a token with one signature bit flipped was accepted");
  return op;
}

std::vector<Prepared> prepare(const AlgFixture& f, const std::string& alg, const RunConfig& config) {
  std::vector<BenchCase> specs = floor_cases(f);
  for (auto& c : jwtcheck_cases(f)) specs.push_back(std::move(c));
  for (auto& c : cache_component_cases(f)) specs.push_back(std::move(c));
  for (auto& c : peer_cases(f)) specs.push_back(std::move(c));
  std::vector<Prepared> prepared;
  for (auto& spec : specs) {
    if (!config.cases.empty() && std::find(config.cases.begin(), config.cases.end(), spec.name) == config.cases.end())
      continue;
    Operation op = validated_operation(spec, f, alg);
    const AllocationsPerCall allocs = allocations_per_call(op, config.alloc_calls);
    prepared.push_back({std::move(spec), std::move(op), {}, allocs});
  }
  return prepared;
}

// Rounds interleave the cases, so that drift of the shared machine hits all of them alike; each
// case keeps its best round (the one least disturbed by other load).
void measure_rounds(std::vector<Prepared>& cases, const RunConfig& config, const std::string& alg) {
  for (unsigned round = 0; round < config.rounds; ++round) {
    for (auto& p : cases) {
      const Timing t = time_single(p.op, config.per_round, config.thread_cpu_time);
      require(t.all_accepted, alg, p.spec, "a timed call refused the valid token");
      if (t.ops_per_s > p.best.ops_per_s) p.best = t;
    }
  }
}

// The floor the targets are held to: the fastest measured through the EVP API.
const Prepared* fastest_floor(const std::vector<Prepared>& cases) {
  const Prepared* best = nullptr;
  for (const auto& p : cases)
    if (p.spec.kind == CaseKind::floor && is_evp_floor(p.spec.name) && (!best || p.best.ops_per_s > best->best.ops_per_s))
      best = &p;
  return best;
}

// Two threads sharing one verifier (and the fastest EVP floor, to show what the machine allows).
std::vector<CaseResult> measure_two_threads(const std::vector<Prepared>& cases, const AlgFixture& f,
                                            const RunConfig& config, const std::string& alg) {
  std::vector<const Prepared*> chosen{fastest_floor(cases)};
  for (const auto& p : cases)
    if (p.spec.name == jwtcheck_one_key || p.spec.name == cache_hit || p.spec.name == cache_component_hit)
      chosen.push_back(&p);
  std::vector<CaseResult> results;
  for (const Prepared* p : chosen) results.push_back({alg, p->spec.name, p->spec.kind, 2, {}, p->allocs});
  for (unsigned round = 0; round < config.rounds; ++round) {
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const BenchCase& spec = chosen[i]->spec;
      const Timing t = time_threads([&spec, &f] {
        const VerifyFn verify = spec.make();  // per-thread state (floors keep their contexts here)
        return spec.timed ? spec.timed(verify) : Operation([verify, &f] { return verify(f.samples.valid); });
      }, 2, config.per_round);
      require(t.all_accepted, alg, spec, "a timed call on 2 threads refused the valid token");
      if (t.ops_per_s > results[i].timing.ops_per_s) results[i].timing = t;
    }
  }
  return results;
}

std::optional<std::vector<std::string>> allocation_sites(const std::vector<Prepared>& cases) {
  for (const auto& p : cases) {
    if (p.spec.name != jwtcheck_one_key) continue;
    p.op();
    AllocationTrace trace;
    p.op();
    return trace.stop();
  }
  return std::nullopt;
}

void run_alg(const std::string& alg_name, const RunConfig& config, Report& report) {
  const auto alg = jwtcheck::alg_from_name(alg_name);
  if (!alg) fail("unknown algorithm " + alg_name);
  std::fprintf(stderr, "bench: %s: generating keys and tokens\n", alg_name.c_str());
  const AlgFixture f = make_fixture(*alg, config.distinct_tokens);
  auto cases = prepare(f, alg_name, config);
  if (cases.empty()) fail("no case of " + alg_name + " is named in --cases");
  std::fprintf(stderr, "bench: %s: %zu cases verified correct; timing\n", alg_name.c_str(), cases.size());
  measure_rounds(cases, config, alg_name);

  std::vector<CaseResult> results;
  for (const auto& p : cases) results.push_back({alg_name, p.spec.name, p.spec.kind, 1, p.best, p.allocs});
  if ((*alg == jwtcheck::Alg::RS256 || *alg == jwtcheck::Alg::ES256) && config.cases.empty())
    for (auto& r : measure_two_threads(cases, f, config, alg_name)) results.push_back(std::move(r));

  for (auto& q : ratios_for(alg_name, results)) report.ratios.push_back(std::move(q));
  if (auto sites = allocation_sites(cases)) report.allocation_sites.emplace_back(alg_name, std::move(*sites));
  for (auto& r : results) report.results.push_back(std::move(r));
}

void add_notes(Report& report) {
  if (!cache_refusal().empty())
    report.notes.push_back("Verifier::create refused VerifierOptions::cache_entries > 0 (\"" + cache_refusal() +
                           "\"): the cache hit/miss cases through the Verifier are left out; the cache component "
                           "case shows what a hit costs on its own.");
  for (const auto& q : report.ratios) {
    if (q.name != "cache hit / fastest EVP floor" || q.value >= 2.0) continue;
    if (q.alg.rfind("HS", 0) == 0)
      report.notes.push_back(q.alg + ": a repeated token is verified in full, by design: the cache never holds tokens "
                             "verified with an HMAC secret (an entry must die with its key, and a secret has no "
                             "public thumbprint to tell a replaced one apart).");
    else
      report.notes.push_back(q.alg + ": a repeated token is no faster than a full verify: the cache did not hit.");
  }
#ifndef BENCH_HAVE_LIBJWT
  report.notes.push_back("libjwt not found at build time: its cases are missing.");
#endif
#ifndef BENCH_HAVE_CPPJWT
  report.notes.push_back("cpp-jwt not found at build time: its cases are missing.");
#endif
#ifndef BENCH_HAVE_POCO
  report.notes.push_back("POCO JWT not found at build time: its cases are missing.");
#endif
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  bench::RunConfig config;
  CLI::App app{"jwtcheck-bench: jwtcheck against the OpenSSL floor and other JWT libraries"};
  app.add_flag("--quick", config.quick, "short run for CI smoke tests (a few ms per case)");
  app.add_flag("--json", config.json, "print JSON instead of markdown");
  app.add_option("--algs", config.algs, "algorithms to run (default: RS256 PS256 ES256 EdDSA HS256)")->delimiter(',');
  app.add_option("--cases", config.cases, "run only these cases, by exact name (names hold commas: one argument each; default: all)");
  app.add_option("--rounds", config.rounds, "rounds per case; each case keeps its best (default: 5)")
      ->check(CLI::Range(1u, 1000u));
  app.add_flag("--cpu-time", config.thread_cpu_time,
               "time single-thread cases in the thread's CPU time, not wall time (A/B runs on a loaded machine)");
  unsigned round_ms = 0;
  app.add_option("--round-ms", round_ms, "milliseconds per round and case (default: 400)")
      ->check(CLI::Range(1u, 60000u));
  CLI11_PARSE(app, argc, argv);
  if (round_ms != 0) config.per_round = std::chrono::milliseconds(round_ms);
  if (config.quick) {
    config.rounds = 1;
    config.per_round = std::chrono::milliseconds(5);
    config.distinct_tokens = 16;
    config.alloc_calls = 10;
  }

  bench::Report report;
  report.quick = config.quick;
  for (const auto& alg : config.algs) bench::run_alg(alg, config, report);
  bench::add_notes(report);
  std::cout << (config.json ? bench::to_json(report) : bench::to_markdown(report));
  return 0;
}
