// Signals of an IssuerSet (lib/signals/, lib/issuers/issuer_health.cpp): counters summed exactly
// across threads, health and observer callbacks through a tenant outage (JWKS answering 500)
// and its recovery, and the Prometheus text checked by a strict parser of format 0.0.4.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/issuers.hpp>
#include <jwtcheck/signals.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"

#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

using namespace fetch_test;
using jwtcheck::ErrorCode;
using jwtcheck::IssuerEntry;
using jwtcheck::IssuerHealth;
using jwtcheck::IssuerSet;
using jwtcheck::IssuerSignals;
using jwtcheck::RemoteKeySource;
using jwtcheck::SignalsSnapshot;
using jwtcheck::testing::Auth0Claims;
using jwtcheck::testing::Endpoint;
using jwtcheck::testing::Fault;
using jwtcheck::testing::LocalTenant;

namespace {

// ---- a strict parser of the text exposition format 0.0.4 -------------------------------------

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;  // unescaped values
  double value = 0;
};

struct Exposition {
  std::map<std::string, std::string> types;  // family -> counter / gauge
  std::vector<Sample> samples;
};

bool is_name(std::string_view s, bool metric) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (metric && c == ':') ||
                    (i > 0 && std::isdigit(static_cast<unsigned char>(c)));
    if (!ok) return false;
  }
  return true;
}

// Fails the test (with the line) on anything the format does not allow.
Exposition parse_exposition(const std::string& text) {
  Exposition out;
  BOOST_TEST_REQUIRE(!text.empty());
  BOOST_TEST_REQUIRE(text.back() == '\n');
  std::set<std::string> helped;
  std::set<std::string> sampled_families;
  std::string current_family;
  std::set<std::string> seen_series;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    BOOST_TEST_REQUIRE(!line.empty(), "empty line");
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
      const std::string rest = line.substr(7);
      const std::size_t space = rest.find(' ');
      BOOST_TEST_REQUIRE(space != std::string::npos, line);
      const std::string family = rest.substr(0, space);
      BOOST_TEST_REQUIRE(is_name(family, true), line);
      BOOST_TEST_REQUIRE(!sampled_families.count(family), "HELP/TYPE after samples: " + line);
      if (line[2] == 'H') {
        BOOST_TEST_REQUIRE(helped.insert(family).second, "second HELP: " + line);
        const std::string help = rest.substr(space + 1);
        for (std::size_t i = 0; i < help.size(); ++i)
          if (help[i] == '\\') BOOST_TEST_REQUIRE((i + 1 < help.size() && (help[i + 1] == '\\' || help[i + 1] == 'n')), line);
      } else {
        const std::string type = rest.substr(space + 1);
        BOOST_TEST_REQUIRE((type == "counter" || type == "gauge"), line);
        BOOST_TEST_REQUIRE(out.types.emplace(family, type).second, "second TYPE: " + line);
        if (type == "counter") BOOST_TEST_REQUIRE(family.ends_with("_total"), "counter without _total: " + line);
      }
      current_family = family;
      continue;
    }
    BOOST_TEST_REQUIRE(line[0] != '#', "unknown comment: " + line);
    Sample sample;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    sample.name = line.substr(0, i);
    BOOST_TEST_REQUIRE(is_name(sample.name, true), line);
    BOOST_TEST_REQUIRE(sample.name == current_family, "sample outside its family block: " + line);
    BOOST_TEST_REQUIRE(out.types.count(sample.name), "sample before its TYPE: " + line);
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (line.at(i) != '}') {
        const std::size_t eq = line.find('=', i);
        BOOST_TEST_REQUIRE(eq != std::string::npos, line);
        const std::string label = line.substr(i, eq - i);
        BOOST_TEST_REQUIRE(is_name(label, false), line);
        BOOST_TEST_REQUIRE(!label.starts_with("__"), line);
        BOOST_TEST_REQUIRE(line.at(eq + 1) == '"', line);
        std::string value;
        i = eq + 2;
        while (line.at(i) != '"') {
          if (line[i] == '\\') {
            const char next = line.at(i + 1);
            BOOST_TEST_REQUIRE((next == '\\' || next == '"' || next == 'n'), "bad escape: " + line);
            value += next == 'n' ? '\n' : next;
            i += 2;
          } else {
            value += line[i++];
          }
        }
        ++i;
        BOOST_TEST_REQUIRE(sample.labels.emplace(label, value).second, "label twice: " + line);
        if (line.at(i) == ',') ++i;
        else BOOST_TEST_REQUIRE(line.at(i) == '}', line);
      }
      ++i;
    }
    BOOST_TEST_REQUIRE(line.at(i) == ' ', line);
    const std::string number = line.substr(i + 1);
    char* parsed_end = nullptr;
    sample.value = std::strtod(number.c_str(), &parsed_end);
    BOOST_TEST_REQUIRE((!number.empty() && *parsed_end == '\0'), "bad value: " + line);
    std::string series = sample.name;
    for (const auto& [k, v] : sample.labels) series += "|" + k + "=" + v;
    BOOST_TEST_REQUIRE(seen_series.insert(series).second, "duplicate series: " + line);
    sampled_families.insert(sample.name);
    out.samples.push_back(std::move(sample));
  }
  for (const auto& [family, type] : out.types) BOOST_TEST(helped.count(family), "no HELP for " + family);
  return out;
}

double value_of(const Exposition& e, std::string_view name, const std::map<std::string, std::string>& labels) {
  for (const Sample& s : e.samples)
    if (s.name == name && s.labels == labels) return s.value;
  BOOST_FAIL("no sample " << name);
  return -1;
}

// ---- an observer that records what it is told ------------------------------------------------

class Recorder final : public jwtcheck::SignalObserver {
 public:
  void on_refused(std::string_view issuer, const jwtcheck::Error& error) override {
    std::lock_guard lock(mutex_);
    events_.push_back("refused " + std::string(issuer) + " " + std::string(jwtcheck::code_name(error.code)));
  }
  void on_keys_changed(std::string_view, std::size_t count) override {
    std::lock_guard lock(mutex_);
    events_.push_back("keys " + std::to_string(count));
  }
  void on_fetch_failed(std::string_view, const jwtcheck::Error& error, std::uint64_t failures) override {
    std::lock_guard lock(mutex_);
    events_.push_back("fetch_failed " + std::string(jwtcheck::code_name(error.code)) + " " + std::to_string(failures));
  }
  void on_health_changed(std::string_view, IssuerHealth from, IssuerHealth to) override {
    std::lock_guard lock(mutex_);
    events_.push_back("health " + std::string(jwtcheck::health_name(from)) + "->" + std::string(jwtcheck::health_name(to)));
  }
  std::vector<std::string> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> events_;
};

std::uint64_t refused(const IssuerSignals& s, ErrorCode code) {
  for (const auto& [c, n] : s.refused)
    if (c == code) return n;
  return 0;
}

std::string tenant_token(const LocalTenant& tenant) {
  Auth0Claims claims;
  claims.client_id = "client-1";
  claims.audiences = {demo_audience};
  auto minted = tenant.mint(claims);
  BOOST_TEST_REQUIRE(minted.ok());
  return *minted;
}

IssuerEntry tenant_entry(const LocalTenant& tenant, std::shared_ptr<jwtcheck::KeySource> keys) {
  IssuerEntry entry;
  entry.policy.issuer = tenant.issuer();
  entry.policy.audiences = {demo_audience};
  entry.keys = std::move(keys);
  return entry;
}

// The tenant's JWKS as a remote key source, its first key set loaded.
std::shared_ptr<jwtcheck::KeySource> loaded_source(const LocalTenant& tenant) {
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(tenant);
  auto source = RemoteKeySource::from_jwks_url(tenant.jwks_url(), options);
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE((*source)->wait_for_keys(10s).ok());
  return *source;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(signals)

BOOST_AUTO_TEST_CASE(the_prometheus_text_passes_a_strict_parser_and_escapes_label_values) {
  SignalsSnapshot snapshot;
  IssuerSignals odd;
  odd.issuer = "https://a\"b\\c\nd/";
  odd.accepted = 5;
  odd.refused = {{ErrorCode::expired, 2}, {ErrorCode::bad_signature, 1}};
  odd.key_lookups_served = 7;
  odd.key_lookups_missed = 1;
  odd.token_cache = true;
  odd.token_cache_hits = 6;
  odd.token_cache_misses = 3;
  odd.remote = true;
  odd.fetches_ok = 3;
  odd.fetches_failed = 2;
  odd.fetches_not_modified = 4;
  odd.since_last_good_fetch = std::chrono::seconds(42);
  odd.serving_stale = true;
  odd.last_fetch_error = jwtcheck::Error{ErrorCode::http_status, "HTTP 500"};
  odd.key_count = 2;
  odd.health = IssuerHealth::degraded;
  IssuerSignals fixed;
  fixed.issuer = "https://fixed/";
  fixed.health = IssuerHealth::ready;
  fixed.key_count = 1;
  snapshot.issuers = {odd, fixed};
  snapshot.refused_without_issuer = {{ErrorCode::unknown_issuer, 9}};

  const std::string text = jwtcheck::prometheus_text(snapshot);
  const Exposition e = parse_exposition(text);
  BOOST_TEST(e.types.at("jwtcheck_verifications_total") == "counter");
  BOOST_TEST(e.types.at("jwtcheck_jwks_fetches_total") == "counter");
  BOOST_TEST(e.types.at("jwtcheck_jwks_age_seconds") == "gauge");
  BOOST_TEST(e.types.at("jwtcheck_issuer_health") == "gauge");
  const std::string& i = odd.issuer;  // the parser unescapes: the value comes back exactly
  BOOST_TEST(value_of(e, "jwtcheck_verifications_total", {{"issuer", i}, {"result", "accepted"}}) == 5);
  BOOST_TEST(value_of(e, "jwtcheck_verifications_total", {{"issuer", i}, {"result", "refused"}, {"reason", "expired"}}) == 2);
  BOOST_TEST(value_of(e, "jwtcheck_verifications_total", {{"issuer", ""}, {"result", "refused"}, {"reason", "unknown_issuer"}}) == 9);
  BOOST_TEST(value_of(e, "jwtcheck_key_set_lookups_total", {{"issuer", i}, {"result", "missed"}}) == 1);
  BOOST_TEST(value_of(e, "jwtcheck_token_cache_lookups_total", {{"issuer", i}, {"result", "hit"}}) == 6);
  BOOST_TEST(value_of(e, "jwtcheck_token_cache_lookups_total", {{"issuer", i}, {"result", "miss"}}) == 3);
  BOOST_TEST(value_of(e, "jwtcheck_jwks_fetches_total", {{"issuer", i}, {"result", "not_modified"}}) == 4);
  BOOST_TEST(value_of(e, "jwtcheck_jwks_fetches_total", {{"issuer", i}, {"result", "failed"}}) == 2);
  BOOST_TEST(value_of(e, "jwtcheck_jwks_age_seconds", {{"issuer", i}}) == 42);
  BOOST_TEST(value_of(e, "jwtcheck_jwks_stale", {{"issuer", i}}) == 1);
  BOOST_TEST(value_of(e, "jwtcheck_jwks_last_fetch_error", {{"issuer", i}, {"code", "http_status"}}) == 1);
  BOOST_TEST(value_of(e, "jwtcheck_issuer_health", {{"issuer", i}, {"state", "degraded"}}) == 1);
  BOOST_TEST(value_of(e, "jwtcheck_issuer_health", {{"issuer", i}, {"state", "ready"}}) == 0);
  BOOST_TEST(value_of(e, "jwtcheck_issuer_health", {{"issuer", "https://fixed/"}, {"state", "ready"}}) == 1);
  BOOST_TEST(text.find("HTTP 500") == std::string::npos);  // messages stay out of the labels
  // Fixed keys have no fetches and no age; an issuer without a verified-token cache no cache series.
  for (const Sample& s : e.samples)
    if (s.name == "jwtcheck_jwks_fetches_total" || s.name == "jwtcheck_jwks_age_seconds" ||
        s.name == "jwtcheck_token_cache_lookups_total")
      BOOST_TEST(s.labels.at("issuer") != "https://fixed/");
}

BOOST_AUTO_TEST_CASE(counts_from_many_threads_add_up_exactly) {
  auto tenant = start_tenant();
  auto set = IssuerSet::create({tenant_entry(*tenant, loaded_source(*tenant))});
  BOOST_TEST_REQUIRE(set.ok());
  const std::string good = tenant_token(*tenant);
  const std::string bad = good.substr(0, good.size() - 4) + (good.ends_with("AAAA") ? "BBBB" : "AAAA");

  constexpr int threads = 6, per_thread = 300;
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&] {
        for (int n = 0; n < per_thread; ++n) {
          (void)set->verify(good);
          (void)set->verify(bad);
        }
      });
  }
  const auto snapshot = set->snapshot();
  BOOST_TEST(snapshot.issuers[0].accepted == std::uint64_t{threads * per_thread});
  BOOST_TEST(refused(snapshot.issuers[0], ErrorCode::bad_signature) == std::uint64_t{threads * per_thread});
  BOOST_TEST(snapshot.issuers[0].key_lookups_served == std::uint64_t{2 * threads * per_thread});
  BOOST_TEST(snapshot.issuers[0].key_lookups_missed == 0u);
}

// The verified-token cache's own lookups (Verifier::cache_counts), apart from the key-set lookups.
BOOST_AUTO_TEST_CASE(verified_token_cache_hits_and_misses_are_counted_apart_from_key_set_lookups) {
  auto tenant = start_tenant();
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(*tenant);
  auto source = RemoteKeySource::from_jwks_url(tenant->jwks_url(), options);
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE((*source)->wait_for_keys(10s).ok());
  IssuerEntry cached = tenant_entry(*tenant, *source);
  cached.options.cache_entries = 16;
  auto set = IssuerSet::create({cached});
  BOOST_TEST_REQUIRE(set.ok());
  const std::string token = tenant_token(*tenant);
  for (int n = 0; n < 3; ++n) BOOST_TEST(set->verify(token).ok());  // a miss, then two hits
  const IssuerSignals s = set->snapshot().issuers.at(0);
  BOOST_TEST(s.token_cache);
  BOOST_TEST(s.token_cache_misses == 1u);
  BOOST_TEST(s.token_cache_hits == 2u);
  // Key-set lookups are another count: each verify asks the key source (the miss twice: for the
  // cache's key check, then for the full verify).
  BOOST_TEST(s.key_lookups_served == 4u);
  const Exposition e = parse_exposition(jwtcheck::prometheus_text(set->snapshot()));
  BOOST_TEST(value_of(e, "jwtcheck_token_cache_lookups_total", {{"issuer", tenant->issuer()}, {"result", "hit"}}) == 2);
  BOOST_TEST(value_of(e, "jwtcheck_token_cache_lookups_total", {{"issuer", tenant->issuer()}, {"result", "miss"}}) == 1);
}

BOOST_AUTO_TEST_CASE(counters_and_health_through_a_tenant_outage_and_its_recovery) {
  auto tenant = start_tenant();
  ManualClock clock;
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(*tenant);
  options.clock = clock.clock();
  options.stale_if_error = 3600s;
  auto source = RemoteKeySource::from_jwks_url(tenant->jwks_url(), options);
  BOOST_TEST_REQUIRE(source.ok());
  auto recorder = std::make_shared<Recorder>();
  auto created = IssuerSet::create({tenant_entry(*tenant, *source)}, recorder);
  BOOST_TEST_REQUIRE(created.ok());
  const IssuerSet& set = *created;
  auto settle = [&] { BOOST_TEST_REQUIRE((*source)->wait_until_idle(10s)); };
  const std::string token = tenant_token(*tenant);

  // Healthy: keys loaded and fresh.
  BOOST_TEST_REQUIRE((*source)->wait_for_keys(10s).ok());
  BOOST_TEST(set.verify(token).ok());
  auto s = set.snapshot().issuers.at(0);
  BOOST_TEST((s.health == IssuerHealth::ready));
  BOOST_TEST(s.remote);
  BOOST_TEST(s.fetches_ok == 1u);
  BOOST_TEST(s.fetches_failed == 0u);
  BOOST_TEST(s.accepted == 1u);
  BOOST_TEST(!s.serving_stale);
  BOOST_TEST(s.since_last_good_fetch.has_value());
  BOOST_TEST((recorder->take() == std::vector<std::string>{"keys 1", "health failed->ready"}));

  // Outage: the JWKS answers 500; once the keys go stale they keep serving (degraded).
  tenant->add_fault(Fault{Fault::Kind::http_500, Endpoint::jwks});
  clock.advance(601s);
  (void)set.verify(token);
  settle();
  BOOST_TEST(set.verify(token).ok());
  s = set.snapshot().issuers.at(0);
  BOOST_TEST((s.health == IssuerHealth::degraded));
  BOOST_TEST(s.serving_stale);
  BOOST_TEST(s.fetches_failed == 1u);
  BOOST_TEST(s.since_last_good_fetch->count() >= 601);
  BOOST_TEST_REQUIRE(s.last_fetch_error.has_value());
  BOOST_TEST(s.last_fetch_error->code == ErrorCode::http_status);
  BOOST_TEST((recorder->take() == std::vector<std::string>{"fetch_failed http_status 1", "health ready->degraded"}));

  // Past the stale bound: no usable keys, tokens refused (keys_unavailable), failed.
  clock.advance(3600s);
  auto refused_now = set.verify(token);
  BOOST_TEST_REQUIRE(!refused_now.ok());
  BOOST_TEST(refused_now.error().code == ErrorCode::keys_unavailable);
  settle();
  s = set.snapshot().issuers.at(0);
  BOOST_TEST((s.health == IssuerHealth::failed));
  BOOST_TEST(refused(s, ErrorCode::keys_unavailable) == 1u);
  BOOST_TEST(s.key_lookups_missed >= 1u);
  BOOST_TEST(s.fetches_failed >= 2u);
  auto events = recorder->take();
  BOOST_TEST((std::find(events.begin(), events.end(), "refused " + tenant->issuer() + " keys_unavailable") != events.end()));
  BOOST_TEST((std::find(events.begin(), events.end(), "health degraded->failed") != events.end()));
  const std::string outage_text = jwtcheck::prometheus_text(set.snapshot());
  const Exposition during = parse_exposition(outage_text);
  BOOST_TEST(value_of(during, "jwtcheck_issuer_health", {{"issuer", tenant->issuer()}, {"state", "failed"}}) == 1);
  BOOST_TEST(value_of(during, "jwtcheck_jwks_last_fetch_error", {{"issuer", tenant->issuer()}, {"code", "http_status"}}) == 1);

  // Recovery: the next allowed attempt brings the keys back (a 304: the tenant's keys are the same).
  tenant->clear_faults();
  clock.advance(31s);
  settle();
  BOOST_TEST(set.verify(token).ok());
  s = set.snapshot().issuers.at(0);
  BOOST_TEST((s.health == IssuerHealth::ready));
  BOOST_TEST(!s.serving_stale);
  BOOST_TEST(!s.last_fetch_error.has_value());
  BOOST_TEST(s.fetches_ok + s.fetches_not_modified == 2u);
  BOOST_TEST(s.accepted == 4u);  // the stale keys served two during the outage
  events = recorder->take();
  BOOST_TEST((std::find(events.begin(), events.end(), "health failed->ready") != events.end()));
  const Exposition after = parse_exposition(jwtcheck::prometheus_text(set.snapshot()));
  BOOST_TEST(value_of(after, "jwtcheck_issuer_health", {{"issuer", tenant->issuer()}, {"state", "ready"}}) == 1);
  BOOST_TEST(value_of(after, "jwtcheck_verifications_total", {{"issuer", tenant->issuer()}, {"result", "accepted"}}) == 4);
  for (const Sample& sample : after.samples) BOOST_TEST(sample.name != "jwtcheck_jwks_last_fetch_error");
}

BOOST_AUTO_TEST_CASE(a_throwing_observer_changes_no_verdict) {
  struct Thrower final : jwtcheck::SignalObserver {
    void on_refused(std::string_view, const jwtcheck::Error&) override { throw std::runtime_error("observer"); }
    void on_health_changed(std::string_view, IssuerHealth, IssuerHealth) override { throw std::runtime_error("observer"); }
  };
  auto tenant = start_tenant();
  auto set = IssuerSet::create({tenant_entry(*tenant, loaded_source(*tenant))}, std::make_shared<Thrower>());
  BOOST_TEST_REQUIRE(set.ok());
  auto result = set->verify("x.y.z");
  BOOST_TEST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == ErrorCode::malformed_token);
  BOOST_TEST((set->snapshot().issuers.at(0).health == IssuerHealth::ready));
}

BOOST_AUTO_TEST_SUITE_END()
