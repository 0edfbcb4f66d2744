// jwtcheck authz — the service's own counters and latency histogram, with the issuers' signals
// (the library's IssuerSet snapshot and writer), in the Prometheus text format.
#pragma once

#include "decision.hpp"

#include <jwtcheck/signals.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace jwtcheck::cli::authz {

class ServiceMetrics {
 public:
  /// Counts one answered check and its duration.
  void record(const Decision& decision, double seconds);
  /// Prometheus text exposition format 0.0.4: request counts by decision and reason, the latency
  /// histogram, config reloads, and every per-issuer series of jwtcheck::prometheus_text
  /// (`issuers`: the IssuerSet snapshot with the counters carried over reloads; verifications by
  /// result and reason, issuer="" for refusals before an issuer was chosen, JWKS fetches, health…).
  std::string prometheus_text(const SignalsSnapshot& issuers, std::uint64_t reloads_ok, std::uint64_t reloads_failed) const;

  static constexpr std::array<double, 12> bucket_bounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                          0.01,   0.025,   0.05,   0.1,   0.25,   1.0};

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<int, std::string>, std::uint64_t> requests_;                         // status, reason
  std::array<std::uint64_t, bucket_bounds.size()> buckets_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

/// A Prometheus label value with \, " and newline escaped.
std::string prometheus_label(std::string_view value);

}  // namespace jwtcheck::cli::authz
