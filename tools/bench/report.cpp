#include "report.hpp"

#include "cache_component_cases.hpp"
#include "floor_cases.hpp"
#include "jwtcheck_cases.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>

namespace bench {
namespace {

const CaseResult* find(const std::vector<CaseResult>& results, std::string_view name, unsigned threads = 1) {
  for (const auto& r : results)
    if (r.name == name && r.threads == threads) return &r;
  return nullptr;
}

// The floor every target is measured against: the fastest one through the EVP API, this run.
const CaseResult* fastest_evp_floor(const std::vector<CaseResult>& results, unsigned threads = 1) {
  const CaseResult* best = nullptr;
  for (const auto& r : results)
    if (r.kind == CaseKind::floor && is_evp_floor(r.name) && r.threads == threads &&
        (!best || r.timing.ops_per_s > best->timing.ops_per_s))
      best = &r;
  return best;
}

double speed_ratio(const CaseResult& a, const CaseResult& b) { return a.timing.ops_per_s / b.timing.ops_per_s; }

Ratio at_least(const std::string& alg, std::string name, double value, double target) {
  char text[32];
  std::snprintf(text, sizeof text, ">= %.2f", target);
  return {alg, std::move(name), value, text, value >= target};
}

Ratio at_most(const std::string& alg, std::string name, double value, double target) {
  char text[32];
  std::snprintf(text, sizeof text, "<= %.2f", target);
  return {alg, std::move(name), value, text, value <= target};
}

Ratio info(const std::string& alg, std::string name, double value) { return {alg, std::move(name), value, {}, std::nullopt}; }

// Issue 18 §4 ("Stay fast"), against the fastest EVP floor of the same run.
double floor_target(const std::string& alg) {
  if (alg == "RS256" || alg == "PS256") return 0.90;
  if (alg == "HS256") return 0.30;
  return 0.95;  // ES256, EdDSA
}

// Issue 5: faster than every peer everywhere; on RS256 at least 1.3 x POCO and 10 x libjwt and
// cpp-jwt (which re-parse the PEM key per call). 10 x cannot be a bar on ES256 or EdDSA, where the
// OpenSSL floor itself is only ~6.5 x libjwt, so there the bar is "faster" (1.0).
double peer_target(const std::string& alg, const std::string& peer) {
  if (alg != "RS256") return 1.0;
  if (peer.find("libjwt") != std::string::npos || peer.find("cpp-jwt") != std::string::npos) return 10.0;
  if (peer.find("POCO") != std::string::npos) return 1.3;
  return 1.0;
}

void add_thread_ratios(const std::string& alg, const std::vector<CaseResult>& results, std::vector<Ratio>& out) {
  for (const auto& two : results) {
    if (two.threads != 2) continue;
    const CaseResult* one = find(results, two.name, 1);
    if (!one) continue;
    const std::string name = "2 threads / 1 thread: " + two.name;
    if (two.kind == CaseKind::floor)
      out.push_back(info(alg, name + " (what this machine allows)", speed_ratio(two, *one)));
    else if (two.kind == CaseKind::cache)
      // Both threads hit the one entry of the same token. They share no written cache line (the
      // shard lock counts readers per thread, each hit copies the block), so this should scale
      // like the floor; the bar (issue 5) is for verification, so this is shown, not judged.
      out.push_back(info(alg, name + " (same token on both threads: one entry)", speed_ratio(two, *one)));
    else
      out.push_back(at_least(alg, name, speed_ratio(two, *one), 1.80));
  }
}

void add_cache_ratios(const std::string& alg, const std::vector<CaseResult>& results, const CaseResult* floor,
                      std::vector<Ratio>& out) {
  const CaseResult* hit = find(results, cache_hit);
  const CaseResult* miss = find(results, cache_miss);
  const CaseResult* uncached = find(results, uncached_distinct);
  if (hit && floor) {
    const std::string name = "cache hit / fastest EVP floor";
    out.push_back(alg == "RS256" ? at_least(alg, name, speed_ratio(*hit, *floor), 20.0)
                                 : info(alg, name, speed_ratio(*hit, *floor)));
  }
  if (const CaseResult* component = find(results, cache_component_hit); component && floor)
    out.push_back(info(alg, "cache component hit / fastest EVP floor (bound for a Verifier hit)", speed_ratio(*component, *floor)));
  if (miss && uncached) {
    const double cost = miss->timing.ns_per_op / uncached->timing.ns_per_op;
    const std::string name = "cache miss ns / uncached ns";
    out.push_back(alg == "HS256" ? info(alg, name, cost) : at_most(alg, name, cost, 1.02));
  }
}

// Issue 21: a DPoP proof check costs at most one signature verify more than the access token
// alone. A proof is itself a signed JWT, so no check of it can cost less than one bare signature
// verify (the EVP floor, shown beside it): the bar is held against jwtcheck's own verify of an
// access token, one signature verify plus its JWT work, with 10 % for what a proof checks on top
// (two SHA-256 hashes, for ath and the replay cache, and the htu normalisation) — the margin
// issue 18 gives jwtcheck's RSA verify over the floor (>= 0.90).
void add_dpop_ratios(const std::string& alg, const std::vector<CaseResult>& results, const CaseResult* one,
                     const CaseResult* floor, std::vector<Ratio>& out) {
  const CaseResult* proof = find(results, dpop_proof_alone);
  if (proof && one)
    out.push_back(at_most(alg, "DPoP proof check / verify, 1 key (time)", proof->timing.ns_per_op / one->timing.ns_per_op, 1.10));
  if (proof && floor) out.push_back(info(alg, "DPoP proof check / fastest EVP floor (time)", proof->timing.ns_per_op / floor->timing.ns_per_op));
  const CaseResult* with_token = find(results, dpop_verify);
  if (!with_token || !one) return;
  const double added = with_token->timing.ns_per_op - one->timing.ns_per_op;
  out.push_back(info(alg, "verify + DPoP proof: time added to verify, 1 key / verify, 1 key", added / one->timing.ns_per_op));
  if (const CaseResult* off = find(results, dpop_verify_no_key_cache))
    out.push_back(info(alg, "verify + DPoP proof: time added, key cache off / on", (off->timing.ns_per_op - one->timing.ns_per_op) / added));
  if (const CaseResult* misses = find(results, dpop_verify_key_misses))
    out.push_back(info(alg, "verify + DPoP proof: time added, every key a miss / key cache on",
                       (misses->timing.ns_per_op - one->timing.ns_per_op) / added));
}

}  // namespace

std::vector<Ratio> ratios_for(const std::string& alg, const std::vector<CaseResult>& results) {
  std::vector<Ratio> out;
  const CaseResult* one = find(results, jwtcheck_one_key);
  const CaseResult* floor = fastest_evp_floor(results);
  if (one && floor)
    out.push_back(at_least(alg, "jwtcheck / fastest EVP floor (" + floor->name + ")", speed_ratio(*one, *floor), floor_target(alg)));
  if (const CaseResult* plain = find(results, floor_reset_init); one && plain)
    out.push_back(info(alg, "jwtcheck / EVP floor reset+init", speed_ratio(*one, *plain)));
  for (const auto& r : results)
    if (one && r.kind == CaseKind::peer && r.threads == 1)
      out.push_back(at_least(alg, "jwtcheck / " + r.name.substr(r.name.find(' ') + 1), speed_ratio(*one, r),
                             peer_target(alg, r.name)));
  if (const CaseResult* hundred = find(results, jwtcheck_hundred_keys); one && hundred)
    out.push_back(at_least(alg, "100 keys / 1 key", speed_ratio(*hundred, *one), 0.95));
  if (one) {
    out.push_back(at_most(alg, "heap allocations per jwtcheck verify, jwtcheck's own", one->allocs.own, 2.0));
    out.push_back(info(alg, "heap allocations per jwtcheck verify, OpenSSL's", one->allocs.openssl));
  }
  if (floor) out.push_back(info(alg, "heap allocations per fastest EVP floor call, OpenSSL's", floor->allocs.openssl));
  add_thread_ratios(alg, results, out);
  add_cache_ratios(alg, results, floor, out);
  add_dpop_ratios(alg, results, one, floor, out);
  return out;
}

std::string to_markdown(const Report& report) {
  std::string md = "# jwtcheck benchmark (" + std::string(report.quick ? "quick" : "default") + " run)\n\n";
  md += "Single-thread unless marked. Absolute figures drift on shared machines; compare ratios within this run.\n"
        "allocs/op: heap allocations per call outside OpenSSL (jwtcheck's own, or the peer library's); "
        "openssl allocs/op: OpenSSL's own (CRYPTO_malloc), counted apart.\n";
  char line[512];
  std::string current_alg;
  for (const auto& r : report.results) {
    if (r.alg != current_alg) {
      current_alg = r.alg;
      md += "\n## " + r.alg +
            "\n\n| case | threads | ops/s | ns/op | allocs/op | openssl allocs/op |\n|---|---:|---:|---:|---:|---:|\n";
    }
    std::snprintf(line, sizeof line, "| %s | %u | %.0f | %.0f | %.1f | %.1f |\n", r.name.c_str(), r.threads,
                  r.timing.ops_per_s, r.timing.ns_per_op, r.allocs.own, r.allocs.openssl);
    md += line;
  }
  md += "\n## Ratios (same run)\n\n| alg | ratio | value | target | met |\n|---|---|---:|---|---|\n";
  for (const auto& q : report.ratios) {
    std::snprintf(line, sizeof line, "| %s | %s | %.3f | %s | %s |\n", q.alg.c_str(), q.name.c_str(), q.value,
                  q.target.empty() ? "(info)" : q.target.c_str(), !q.met ? "" : *q.met ? "yes" : "**no**");
    md += line;
  }
  for (const auto& [alg, sites] : report.allocation_sites) {
    md += "\n## jwtcheck's own heap allocations in one verify (" + alg + ", 1 key; OpenSSL's not listed)\n\n";
    if (sites.empty()) md += "none\n";
    for (const auto& s : sites) md += "- " + s + "\n";
  }
  if (!report.notes.empty()) md += "\n## Notes\n\n";
  for (const auto& n : report.notes) md += "- " + n + "\n";
  return md;
}

std::string to_json(const Report& report) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  static constexpr const char* kind_names[] = {"floor", "jwtcheck", "peer", "cache"};
  w.StartObject();
  w.Key("mode");
  w.String(report.quick ? "quick" : "default");
  w.Key("results");
  w.StartArray();
  for (const auto& r : report.results) {
    w.StartObject();
    w.Key("alg"); w.String(r.alg);
    w.Key("case"); w.String(r.name);
    w.Key("kind"); w.String(kind_names[static_cast<int>(r.kind)]);
    w.Key("threads"); w.Uint(r.threads);
    w.Key("ops_per_s"); w.Double(r.timing.ops_per_s);
    w.Key("ns_per_op"); w.Double(r.timing.ns_per_op);
    w.Key("allocs_per_op"); w.Double(r.allocs.own);
    w.Key("openssl_allocs_per_op"); w.Double(r.allocs.openssl);
    w.EndObject();
  }
  w.EndArray();
  w.Key("ratios");
  w.StartArray();
  for (const auto& q : report.ratios) {
    w.StartObject();
    w.Key("alg"); w.String(q.alg);
    w.Key("ratio"); w.String(q.name);
    w.Key("value"); w.Double(q.value);
    w.Key("target"); q.target.empty() ? w.Null() : w.String(q.target);
    w.Key("met"); q.met ? w.Bool(*q.met) : w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("allocation_sites");
  w.StartObject();
  for (const auto& [alg, sites] : report.allocation_sites) {
    w.Key(alg.c_str());
    w.StartArray();
    for (const auto& s : sites) w.String(s);
    w.EndArray();
  }
  w.EndObject();
  w.Key("notes");
  w.StartArray();
  for (const auto& n : report.notes) w.String(n);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace bench
