#include "service_metrics.hpp"

#include <cstdio>

namespace jwtcheck::cli::authz {

std::string prometheus_label(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out.push_back(c);
  }
  return out;
}

namespace {

std::string decision_name(int status) {
  switch (status) {
    case 200: return "allow";
    case 503: return "unavailable";
    default: return "deny";
  }
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

}  // namespace

void ServiceMetrics::record(const Decision& decision, double seconds) {
  const std::lock_guard lock(mutex_);
  ++requests_[{decision.status, decision.reason}];
  for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
    if (seconds <= bucket_bounds[i]) ++buckets_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string ServiceMetrics::prometheus_text(const SignalsSnapshot& issuers, std::uint64_t reloads_ok,
                                            std::uint64_t reloads_failed) const {
  std::string out;
  {
    const std::lock_guard lock(mutex_);
    out += "# HELP jwtcheck_authz_requests_total Checks answered, by decision and reason.\n";
    out += "# TYPE jwtcheck_authz_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
      const auto& [status, reason] = key;
      out += "jwtcheck_authz_requests_total{decision=\"" + decision_name(status) + "\",status=\"" +
             std::to_string(status) + "\",reason=\"" + prometheus_label(reason) + "\"} " + std::to_string(count) + "\n";
    }
    out += "# HELP jwtcheck_authz_request_duration_seconds Time to answer a check.\n";
    out += "# TYPE jwtcheck_authz_request_duration_seconds histogram\n";
    for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
      out += "jwtcheck_authz_request_duration_seconds_bucket{le=\"" + number(bucket_bounds[i]) + "\"} " +
             std::to_string(buckets_[i]) + "\n";
    }
    out += "jwtcheck_authz_request_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(count_) + "\n";
    out += "jwtcheck_authz_request_duration_seconds_sum " + number(sum_) + "\n";
    out += "jwtcheck_authz_request_duration_seconds_count " + std::to_string(count_) + "\n";
  }
  // Per issuer (verifications by result and reason, key-set lookups, verified-token cache, JWKS
  // fetches, age, staleness, keys, health): the library's own signals and writer.
  out += jwtcheck::prometheus_text(issuers);
  out += "# HELP jwtcheck_authz_config_reloads_total Config reloads (SIGHUP) by result.\n"
         "# TYPE jwtcheck_authz_config_reloads_total counter\n";
  out += "jwtcheck_authz_config_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok) + "\n";
  out += "jwtcheck_authz_config_reloads_total{result=\"failed\"} " + std::to_string(reloads_failed) + "\n";
  return out;
}

}  // namespace jwtcheck::cli::authz
