// The Prometheus text exposition format 0.0.4 for a SignalsSnapshot
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
#include <jwtcheck/signals.hpp>

#include <algorithm>

#include <string>

namespace jwtcheck {

namespace {

// Label values escape backslash, double quote and line feed (and nothing else).
void append_label_value(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
}

struct Label {
  std::string_view name, value;
};

void append_sample(std::string& out, std::string_view metric, std::initializer_list<Label> labels, std::uint64_t value) {
  out += metric;
  out += '{';
  bool first = true;
  for (const Label& label : labels) {
    if (!first) out += ',';
    first = false;
    out += label.name;
    out += "=\"";
    append_label_value(out, label.value);
    out += '"';
  }
  out += "} ";
  out += std::to_string(value);
  out += '\n';
}

void append_header(std::string& out, std::string_view metric, std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += metric;
  out += ' ';
  out += help;  // constant texts below: nothing to escape
  out += "\n# TYPE ";
  out += metric;
  out += ' ';
  out += type;
  out += '\n';
}

void append_verifications(std::string& out, const SignalsSnapshot& snapshot) {
  constexpr std::string_view m = "jwtcheck_verifications_total";
  append_header(out, m, "counter", "Tokens verified, by issuer, result and refusal reason (issuer \"\": refused before an issuer was chosen).");
  for (const IssuerSignals& s : snapshot.issuers) {
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "accepted"}}, s.accepted);
    for (const auto& [code, count] : s.refused)
      append_sample(out, m, {{"issuer", s.issuer}, {"result", "refused"}, {"reason", code_name(code)}}, count);
  }
  for (const auto& [code, count] : snapshot.refused_without_issuer)
    append_sample(out, m, {{"issuer", ""}, {"result", "refused"}, {"reason", code_name(code)}}, count);
}

void append_key_lookups(std::string& out, const SignalsSnapshot& snapshot) {
  constexpr std::string_view m = "jwtcheck_key_set_lookups_total";
  append_header(out, m, "counter", "Key-set lookups of refreshing key sources: served (the set in service had the key) or missed.");
  for (const IssuerSignals& s : snapshot.issuers) {
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "served"}}, s.key_lookups_served);
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "missed"}}, s.key_lookups_missed);
  }
}

void append_token_cache(std::string& out, const SignalsSnapshot& snapshot) {
  constexpr std::string_view m = "jwtcheck_token_cache_lookups_total";
  if (std::none_of(snapshot.issuers.begin(), snapshot.issuers.end(), [](const IssuerSignals& s) { return s.token_cache; }))
    return;
  append_header(out, m, "counter", "Verified-token cache lookups: hit (answered without decoding or the signature) or miss.");
  for (const IssuerSignals& s : snapshot.issuers) {
    if (!s.token_cache) continue;
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "hit"}}, s.token_cache_hits);
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "miss"}}, s.token_cache_misses);
  }
}

void append_fetches(std::string& out, const SignalsSnapshot& snapshot) {
  constexpr std::string_view m = "jwtcheck_jwks_fetches_total";
  append_header(out, m, "counter", "JWKS fetches, by result: ok, failed, not_modified (HTTP 304).");
  for (const IssuerSignals& s : snapshot.issuers) {
    if (!s.remote) continue;
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "ok"}}, s.fetches_ok);
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "failed"}}, s.fetches_failed);
    append_sample(out, m, {{"issuer", s.issuer}, {"result", "not_modified"}}, s.fetches_not_modified);
  }
}

void append_key_state(std::string& out, const SignalsSnapshot& snapshot) {
  constexpr std::string_view age = "jwtcheck_jwks_age_seconds";
  append_header(out, age, "gauge", "Seconds since the key set in service was fetched or renewed.");
  for (const IssuerSignals& s : snapshot.issuers)
    if (s.since_last_good_fetch)
      append_sample(out, age, {{"issuer", s.issuer}}, static_cast<std::uint64_t>(s.since_last_good_fetch->count()));
  constexpr std::string_view stale = "jwtcheck_jwks_stale";
  append_header(out, stale, "gauge", "1 while the keys in service are past their cache lifetime.");
  for (const IssuerSignals& s : snapshot.issuers) append_sample(out, stale, {{"issuer", s.issuer}}, s.serving_stale ? 1 : 0);
  constexpr std::string_view keys = "jwtcheck_jwks_keys";
  append_header(out, keys, "gauge", "Keys in the key set in service.");
  for (const IssuerSignals& s : snapshot.issuers) append_sample(out, keys, {{"issuer", s.issuer}}, s.key_count);
  constexpr std::string_view error = "jwtcheck_jwks_last_fetch_error";
  append_header(out, error, "gauge", "1 while the latest key fetch failed, labelled with its error code.");
  for (const IssuerSignals& s : snapshot.issuers)
    if (s.last_fetch_error) append_sample(out, error, {{"issuer", s.issuer}, {"code", code_name(s.last_fetch_error->code)}}, 1);
}

void append_health(std::string& out, const SignalsSnapshot& snapshot) {
  constexpr std::string_view m = "jwtcheck_issuer_health";
  append_header(out, m, "gauge", "1 for the issuer's current health state (ready, degraded, failed), 0 for the others.");
  for (const IssuerSignals& s : snapshot.issuers)
    for (IssuerHealth state : {IssuerHealth::ready, IssuerHealth::degraded, IssuerHealth::failed})
      append_sample(out, m, {{"issuer", s.issuer}, {"state", health_name(state)}}, s.health == state ? 1 : 0);
}

}  // namespace

std::string prometheus_text(const SignalsSnapshot& snapshot) {
  std::string out;
  append_verifications(out, snapshot);
  append_key_lookups(out, snapshot);
  append_token_cache(out, snapshot);
  append_fetches(out, snapshot);
  append_key_state(out, snapshot);
  append_health(out, snapshot);
  return out;
}

}  // namespace jwtcheck
