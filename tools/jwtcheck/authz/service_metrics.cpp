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
  // Only configured issuers get a label: a token cannot invent label values.
  if (decision.issuer_known) {
    ++per_issuer_[{decision.issuer, decision.status == 200 ? "accepted" : "refused",
                   decision.status == 200 ? "" : decision.reason}];
  }
  for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
    if (seconds <= bucket_bounds[i]) ++buckets_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string ServiceMetrics::prometheus_text(const IssuerRegistry& issuers, std::uint64_t reloads_ok,
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
    out += "# HELP jwtcheck_verifications_total Tokens verified per issuer, by result and reason.\n";
    out += "# TYPE jwtcheck_verifications_total counter\n";
    for (const auto& [key, count] : per_issuer_) {
      const auto& [issuer, result, reason] = key;
      out += "jwtcheck_verifications_total{issuer=\"" + prometheus_label(issuer) + "\",result=\"" + result +
             "\",reason=\"" + prometheus_label(reason) + "\"} " + std::to_string(count) + "\n";
    }
  }
  std::string ready, keys, fetches, age, stale;
  for (const auto& issuer : issuers.issuers()) {
    const std::string label = "{issuer=\"" + prometheus_label(issuer->config.issuer) + "\"";
    auto current = issuer->keys->current();
    const bool usable = current && !(*current)->empty();
    ready += "jwtcheck_issuer_ready" + label + "} " + (usable ? "1" : "0") + "\n";
    keys += "jwtcheck_jwks_keys" + label + "} " + std::to_string(usable ? (*current)->size() : 0) + "\n";
    if (issuer->remote) {
      const KeySourceStatus status = issuer->remote->status();
      fetches += "jwtcheck_jwks_fetches_total" + label + ",result=\"ok\"} " +
                 std::to_string(status.fetch_attempts - status.fetch_failures) + "\n";
      fetches += "jwtcheck_jwks_fetches_total" + label + ",result=\"failed\"} " +
                 std::to_string(status.fetch_failures) + "\n";
      if (status.has_keys) age += "jwtcheck_jwks_age_seconds" + label + "} " + std::to_string(status.age.count()) + "\n";
      stale += "jwtcheck_jwks_stale" + label + "} " + (status.stale ? "1" : "0") + "\n";
    }
  }
  out += "# HELP jwtcheck_issuer_ready 1 when the issuer has usable keys.\n# TYPE jwtcheck_issuer_ready gauge\n" + ready;
  out += "# HELP jwtcheck_jwks_keys Keys in the issuer's current key set.\n# TYPE jwtcheck_jwks_keys gauge\n" + keys;
  out += "# HELP jwtcheck_jwks_fetches_total JWKS fetches (discovery included) by result.\n"
         "# TYPE jwtcheck_jwks_fetches_total counter\n" + fetches;
  out += "# HELP jwtcheck_jwks_age_seconds Seconds since the current key set was fetched.\n"
         "# TYPE jwtcheck_jwks_age_seconds gauge\n" + age;
  out += "# HELP jwtcheck_jwks_stale 1 while keys past their cache lifetime are served.\n"
         "# TYPE jwtcheck_jwks_stale gauge\n" + stale;
  out += "# HELP jwtcheck_authz_config_reloads_total Config reloads (SIGHUP) by result.\n"
         "# TYPE jwtcheck_authz_config_reloads_total counter\n";
  out += "jwtcheck_authz_config_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok) + "\n";
  out += "jwtcheck_authz_config_reloads_total{result=\"failed\"} " + std::to_string(reloads_failed) + "\n";
  return out;
}

}  // namespace jwtcheck::cli::authz
