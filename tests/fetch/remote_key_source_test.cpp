// RemoteKeySource (lib/fetch/remote_key_source.cpp) against the LocalTenant: where keys come
// from, the cache policy, unknown-kid cooldown, stale-if-error, single flight and concurrency.
// Every fetch runs on the source's refresher thread: tests wait for it with wait_for_keys (the
// first set) and wait_until_idle (whatever is due on the test's clock), never with sleeps.
// How verify() behaves while a fetch is slow: background_refresh_test.cpp.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/remote_key_source.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"

#include <barrier>
#include <random>

using namespace fetch_test;
using jwtcheck::ErrorCode;
using jwtcheck::KeySet;
using jwtcheck::RemoteKeySource;
using jwtcheck::RemoteKeySourceOptions;
using jwtcheck::testing::Endpoint;
using jwtcheck::testing::Fault;
using jwtcheck::testing::LocalTenant;

namespace {

RemoteKeySourceOptions options_for(const LocalTenant& tenant, const ManualClock& clock) {
  RemoteKeySourceOptions options;
  options.http = http_for(tenant);
  options.clock = clock.clock();
  return options;
}

std::shared_ptr<RemoteKeySource> source_for(const LocalTenant& tenant, const ManualClock& clock,
                                            RemoteKeySourceOptions options) {
  auto source = RemoteKeySource::from_jwks_url(tenant.jwks_url(), std::move(options));
  BOOST_TEST_REQUIRE(source.ok(), (source.ok() ? "" : source.error().message));
  (void)clock;
  return *source;
}

std::shared_ptr<RemoteKeySource> source_for(const LocalTenant& tenant, const ManualClock& clock) {
  return source_for(tenant, clock, options_for(tenant, clock));
}

/// The first key set, waited for explicitly (current() never waits).
std::shared_ptr<const KeySet> first_keys(RemoteKeySource& source) {
  auto keys = source.wait_for_keys(10s);
  BOOST_TEST_REQUIRE(keys.ok(), (keys.ok() ? "" : keys.error().message));
  return *keys;
}

/// Lets the refresher make every fetch due on the test's clock.
void settle(RemoteKeySource& source) { BOOST_TEST_REQUIRE(source.wait_until_idle(10s)); }

std::shared_ptr<const KeySet> current_keys(RemoteKeySource& source) {
  auto keys = source.current();
  BOOST_TEST_REQUIRE(keys.ok(), (keys.ok() ? "" : keys.error().message));
  return *keys;
}

bool has_kid(const KeySet& keys, std::string_view kid) { return keys.find(kid, jwtcheck::Alg::RS256) != nullptr; }

std::string random_kid(std::mt19937& random) {
  return "unknown-" + std::to_string(random()) + "-" + std::to_string(random());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_key_source)

BOOST_AUTO_TEST_CASE(from_a_domain_the_jwks_is_fetched_once_and_cached) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto options = options_for(tenant, clock);
  auto source = RemoteKeySource::from_domain(tenant.domain(), options);
  BOOST_TEST_REQUIRE(source.ok(), (source.ok() ? "" : source.error().message));
  auto keys = first_keys(**source);
  BOOST_TEST(has_kid(*keys, tenant.current_key().kid()));
  for (int i = 0; i < 10; ++i) BOOST_TEST(current_keys(**source) == keys);
  settle(**source);
  BOOST_TEST(tenant.counts().jwks == 1);
  const auto status = (*source)->status();
  BOOST_TEST(status.jwks_url == tenant.jwks_url());
  BOOST_TEST(status.has_keys);
  BOOST_TEST(status.key_count == keys->size());
  BOOST_TEST(status.fetch_attempts == 1u);
  BOOST_TEST(status.fetch_failures == 0u);
  BOOST_TEST(!status.stale);
  BOOST_TEST(!status.last_error.has_value());
}

BOOST_AUTO_TEST_CASE(discovery_finds_the_jwks_and_checks_the_issuer) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto source = RemoteKeySource::from_discovery(tenant.issuer(), jwtcheck::DiscoveryKind::openid_configuration,
                                                options_for(tenant, clock));
  BOOST_TEST_REQUIRE(source.ok(), (source.ok() ? "" : source.error().message));
  auto keys = first_keys(**source);
  BOOST_TEST(has_kid(*keys, tenant.current_key().kid()));
  BOOST_TEST(tenant.counts().discovery == 1);
  BOOST_TEST(tenant.counts().jwks == 1);
  BOOST_TEST((*source)->status().jwks_url == tenant.jwks_url());
  // Refreshing reuses the jwks_uri found the first time.
  BOOST_TEST((*source)->refresh().ok());
  BOOST_TEST(tenant.counts().discovery == 1);
  BOOST_TEST(tenant.counts().jwks == 2);

  // The document says "https://127.0.0.1:PORT/"; without the slash it is another issuer.
  std::string without_slash = tenant.issuer();
  without_slash.pop_back();
  auto mismatch = RemoteKeySource::from_discovery(without_slash, jwtcheck::DiscoveryKind::openid_configuration,
                                                  options_for(tenant, clock));
  BOOST_TEST_REQUIRE(mismatch.ok());
  auto refused = (*mismatch)->wait_for_keys(10s);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::keys_unavailable);
  BOOST_TEST(refused.error().message.find("issuer_mismatch") != std::string::npos);
  BOOST_TEST(tenant.counts().jwks == 2);
  BOOST_TEST((*mismatch)->status().last_error.value_or(jwtcheck::Error{}).code == ErrorCode::issuer_mismatch);

  // RFC 8414's document, at /.well-known/oauth-authorization-server: the same keys.
  auto oauth = RemoteKeySource::from_discovery(tenant.issuer(), jwtcheck::DiscoveryKind::oauth_authorization_server,
                                               options_for(tenant, clock));
  BOOST_TEST_REQUIRE(oauth.ok());
  BOOST_TEST((*oauth)->wait_for_keys(10s).ok());
  BOOST_TEST(tenant.counts().discovery == 3);
  BOOST_TEST(tenant.counts().jwks == 3);

  // An issuer with a path: its RFC 8414 document would be at
  // /.well-known/oauth-authorization-server/tenant1, which the tenant does not serve: a 404 is the cause.
  auto pathful = RemoteKeySource::from_discovery(tenant.issuer() + "tenant1",
                                                 jwtcheck::DiscoveryKind::oauth_authorization_server,
                                                 options_for(tenant, clock));
  BOOST_TEST_REQUIRE(pathful.ok());
  auto missing = (*pathful)->wait_for_keys(10s);
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message.find("404") != std::string::npos);
  BOOST_TEST(tenant.counts().jwks == 3);
}

BOOST_AUTO_TEST_CASE(urls_and_domains_are_checked_at_creation) {
  RemoteKeySourceOptions options;
  BOOST_TEST(RemoteKeySource::from_jwks_url("http://tenant.example.com/jwks.json", options).error().code ==
             ErrorCode::insecure_url);
  BOOST_TEST(RemoteKeySource::from_jwks_url("http://127.0.0.1:1/jwks.json", options).error().code ==
             ErrorCode::insecure_url);
  BOOST_TEST(RemoteKeySource::from_jwks_url("https://u:p@tenant.example.com/jwks.json", options).error().code ==
             ErrorCode::invalid_url);
  BOOST_TEST(RemoteKeySource::from_jwks_url("ftp://tenant.example.com/jwks.json", options).error().code ==
             ErrorCode::invalid_url);
  BOOST_TEST(RemoteKeySource::from_domain("tenant.example.com/x", options).error().code == ErrorCode::invalid_url);
  BOOST_TEST(RemoteKeySource::from_discovery("http://tenant.example.com/").error().code == ErrorCode::insecure_url);
}

BOOST_AUTO_TEST_CASE(max_age_decides_when_keys_are_refetched) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto source = source_for(tenant, clock);
  first_keys(*source);
  clock.advance(599s);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 1);
  BOOST_TEST(!source->status().stale);
  clock.advance(2s);
  BOOST_TEST(source->status().stale);
  settle(*source);  // the refresher refetches the expired set
  BOOST_TEST(tenant.counts().jwks == 2);
  BOOST_TEST(source->status().age == 0s);
  BOOST_TEST(!source->status().stale);
  current_keys(*source);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);
}

BOOST_AUTO_TEST_CASE(max_age_is_clamped_and_defaults_apply) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  tenant.set_jwks_cache_control("max-age=5");  // below min_cache_age (300 s)
  auto source = source_for(tenant, clock);
  first_keys(*source);
  clock.advance(299s);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 1);
  clock.advance(2s);
  tenant.set_jwks_cache_control("max-age=31536000");  // above max_cache_age (24 h)
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);
  clock.advance(86399s);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);
  clock.advance(2s);
  tenant.set_jwks_cache_control("");  // absent: default_cache_age (10 min)
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 3);
  clock.advance(599s);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 3);
  clock.advance(2s);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 4);
}

// Conditional fetches (issue 20): the refetch of an expired set carries the last answer's
// validators; a 304 renews the same key set (same object: verifiers keep their prepared keys) and
// is counted; a changed JWKS is a 200 with the new keys.
BOOST_AUTO_TEST_CASE(an_unchanged_jwks_is_answered_304_and_keeps_the_same_key_set) {
  for (const auto& [etag, last_modified] : {std::pair{true, true}, std::pair{true, false}, std::pair{false, true}}) {
    BOOST_TEST_CONTEXT("ETag " << etag << ", Last-Modified " << last_modified) {
      jwtcheck::testing::LocalTenantOptions tenant_options;
      tenant_options.jwks_etag = etag;
      tenant_options.jwks_last_modified = last_modified;
      auto tenant = start_tenant(std::move(tenant_options));
      ManualClock clock;
      auto source = source_for(*tenant, clock);
      const auto first = first_keys(*source);
      clock.advance(601s);  // expired: the refresher asks again, conditionally
      settle(*source);
      BOOST_TEST(tenant->counts().jwks == 2);
      BOOST_TEST(source->status().fetch_not_modified == 1u);
      BOOST_TEST(source->status().fetch_failures == 0u);
      BOOST_TEST(!source->status().stale);
      BOOST_TEST(source->status().age == 0s);
      BOOST_TEST((current_keys(*source) == first));  // not re-parsed, not swapped

      const std::string new_kid = tenant->rotate_key();
      clock.advance(601s);
      settle(*source);
      BOOST_TEST(tenant->counts().jwks == 3);
      BOOST_TEST(source->status().fetch_not_modified == 1u);  // a 200 this time
      const auto rotated = current_keys(*source);
      BOOST_TEST((rotated != first));
      BOOST_TEST(has_kid(*rotated, new_kid));
    }
  }
}

BOOST_AUTO_TEST_CASE(without_validators_every_refetch_is_a_full_download) {
  jwtcheck::testing::LocalTenantOptions tenant_options;
  tenant_options.jwks_etag = false;
  tenant_options.jwks_last_modified = false;
  auto tenant = start_tenant(std::move(tenant_options));
  ManualClock clock;
  auto source = source_for(*tenant, clock);
  const auto first = first_keys(*source);
  clock.advance(601s);
  settle(*source);
  BOOST_TEST(tenant->counts().jwks == 2);
  BOOST_TEST(source->status().fetch_not_modified == 0u);
  BOOST_TEST((current_keys(*source) != first));  // parsed again into a new set
}

BOOST_AUTO_TEST_CASE(a_rotated_key_is_found_with_exactly_one_refetch) {
  auto tenant = start_tenant();
  ManualClock clock;
  auto source = source_for(*tenant, clock);
  const std::string old_kid(tenant->current_key().kid());
  first_keys(*source);
  const std::string new_kid = tenant->rotate_key();
  clock.advance(31s);  // past the cooldown that follows the first fetch
  for (int i = 0; i < 20; ++i) {
    auto found = source->refresh_for_unknown_kid(new_kid, 10s);  // the first call waits for the refetch
    BOOST_TEST_REQUIRE(found.keys.ok());
    BOOST_TEST(!found.pending);
    BOOST_TEST(has_kid(**found.keys, new_kid));
    BOOST_TEST(has_kid(**found.keys, old_kid));
  }
  BOOST_TEST(tenant->counts().jwks == 2);

  tenant->drop_old_keys();
  clock.advance(601s);  // the cached set expires and is refreshed
  settle(*source);
  auto keys = current_keys(*source);
  BOOST_TEST(tenant->counts().jwks == 3);
  BOOST_TEST(has_kid(*keys, new_kid));
  BOOST_TEST(!has_kid(*keys, old_kid));
}

BOOST_AUTO_TEST_CASE(unknown_kids_refetch_at_most_once_per_cooldown) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto source = source_for(tenant, clock);
  first_keys(*source);
  std::mt19937 random(7);
  // Within the cooldown after the first fetch: no fetch. The first 64 distinct kids wait for the
  // fetch at the end of the cooldown (pending: retryable); a flood beyond them is refused for good.
  std::vector<std::string> kids;
  for (int i = 0; i < 100; ++i) kids.push_back(random_kid(random));
  for (int i = 0; i < 100; ++i) {
    auto refresh = source->refresh_for_unknown_kid(kids[i], 0ms);
    BOOST_TEST(refresh.keys.ok());
    BOOST_TEST(refresh.pending == (i < 64), i);
  }
  BOOST_TEST(source->refresh_for_unknown_kid(kids[0], 0ms).pending);  // asked again: still waiting
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 1);
  // The cooldown ends: one fetch for all of them. It did not bring them: refused for good now,
  // and no more fetches for them.
  clock.advance(30s);
  BOOST_TEST(source->refresh_for_unknown_kid(kids[0], 0ms).keys.ok());  // a reader notices it is due
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);
  for (int i = 0; i < 64; ++i) BOOST_TEST(!source->refresh_for_unknown_kid(kids[i], 0ms).pending, i);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);
  // A known kid never causes a fetch.
  clock.advance(60s);
  BOOST_TEST(!source->refresh_for_unknown_kid(tenant.current_key().kid(), 0ms).pending);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);
}

// A key rotated just after a fetch: its tokens are refused as pending (retryable) until the fetch
// at the end of the cooldown, then pass. While that fetch fails, they stay pending.
BOOST_AUTO_TEST_CASE(a_key_rotated_within_the_cooldown_is_pending_then_found) {
  auto tenant = start_tenant();
  ManualClock clock;
  auto source = source_for(*tenant, clock);
  first_keys(*source);
  const std::string new_kid = tenant->rotate_key();
  clock.advance(5s);
  auto early = source->refresh_for_unknown_kid(new_kid, 0ms);
  BOOST_TEST(early.pending);
  BOOST_TEST(!has_kid(**early.keys, new_kid));
  // The tenant fails when the cooldown ends: still pending, retried after the next cooldown.
  tenant->add_fault(Fault{Fault::Kind::http_500, Endpoint::jwks});
  clock.advance(25s);
  BOOST_TEST(source->refresh_for_unknown_kid(new_kid, 10s).pending);  // waited for the failed fetch
  settle(*source);
  BOOST_TEST(tenant->counts().jwks == 2);
  BOOST_TEST(source->refresh_for_unknown_kid(new_kid, 0ms).pending);
  tenant->clear_faults();
  clock.advance(30s);
  BOOST_TEST(source->refresh_for_unknown_kid(new_kid, 0ms).keys.ok());  // a reader notices it is due
  settle(*source);
  BOOST_TEST(tenant->counts().jwks == 3);
  auto found = source->refresh_for_unknown_kid(new_kid, 0ms);
  BOOST_TEST(!found.pending);
  BOOST_TEST(has_kid(**found.keys, new_kid));
}

BOOST_AUTO_TEST_CASE(a_storm_of_unknown_kids_from_many_threads_stays_within_the_cooldown) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto source = source_for(tenant, clock);
  first_keys(*source);
  constexpr int threads_count = 8;
  constexpr int per_thread = 125;  // 1000 tokens in all
  std::atomic<int> errors{0};
  auto storm = [&] {
    std::vector<std::thread> threads;
    std::barrier start(threads_count);
    for (int t = 0; t < threads_count; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 random(static_cast<unsigned>(t) * 7919u + 1u);
        start.arrive_and_wait();
        for (int i = 0; i < per_thread; ++i) {
          if (!source->refresh_for_unknown_kid(random_kid(random), 0ms).keys.ok()) ++errors;
        }
      });
    }
    for (auto& t : threads) t.join();
    settle(*source);
  };
  storm();
  BOOST_TEST(tenant.counts().jwks == 1);
  clock.advance(31s);
  storm();
  BOOST_TEST(tenant.counts().jwks == 2);
  clock.advance(31s);
  storm();
  BOOST_TEST(tenant.counts().jwks == 3);
  BOOST_TEST(errors.load() == 0);
}

BOOST_AUTO_TEST_CASE(stale_keys_serve_while_refreshes_fail_then_the_cause_is_reported) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto options = options_for(tenant, clock);
  options.stale_if_error = 3600s;
  auto source = source_for(tenant, clock, options);
  auto keys = first_keys(*source);
  tenant.add_fault(Fault{Fault::Kind::http_500, Endpoint::jwks});

  clock.advance(601s);  // stale: the refresh fails, the old keys keep serving
  BOOST_TEST(current_keys(*source) == keys);
  settle(*source);
  BOOST_TEST(current_keys(*source) == keys);
  BOOST_TEST(tenant.counts().jwks == 2);
  auto status = source->status();
  BOOST_TEST(status.stale);
  BOOST_TEST(status.fetch_failures == 1u);
  BOOST_TEST_REQUIRE(status.last_error.has_value());
  BOOST_TEST(status.last_error->code == ErrorCode::http_status);
  BOOST_TEST(status.last_error->message.find("500") != std::string::npos);

  for (int i = 0; i < 50; ++i) BOOST_TEST(current_keys(*source) == keys);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 2);  // failed refreshes are retried once per cooldown
  clock.advance(31s);
  BOOST_TEST(current_keys(*source) == keys);
  settle(*source);
  BOOST_TEST(tenant.counts().jwks == 3);

  clock.advance(3600s);  // beyond stale_if_error
  auto gone = source->current();
  BOOST_TEST_REQUIRE(!gone.ok());
  BOOST_TEST(gone.error().code == ErrorCode::keys_unavailable);
  BOOST_TEST(!gone.error().retryable);  // the outage outlasted the window the owner accepted
  BOOST_TEST(gone.error().message.find("http_status") != std::string::npos);
  BOOST_TEST(gone.error().message.find("500") != std::string::npos);
  auto unknown = source->refresh_for_unknown_kid("whatever", 0ms);
  BOOST_TEST_REQUIRE(!unknown.keys.ok());
  BOOST_TEST(unknown.keys.error().code == ErrorCode::keys_unavailable);
  settle(*source);

  tenant.clear_faults();  // the tenant recovers: the next allowed attempt brings fresh keys
  clock.advance(31s);
  settle(*source);
  auto back = source->current();
  BOOST_TEST_REQUIRE(back.ok(), (back.ok() ? "" : back.error().message));
  BOOST_TEST(!source->status().stale);
  BOOST_TEST(!source->status().last_error.has_value());
}

BOOST_AUTO_TEST_CASE(a_first_fetch_failure_is_keys_unavailable_with_the_cause) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  const std::pair<Fault::Kind, std::string> faults[] = {
      {Fault::Kind::http_500, "500"},
      {Fault::Kind::invalid_json, "invalid_jwks"},
      {Fault::Kind::oversized_body, "body_too_large"},
      {Fault::Kind::drop_connection, "connect_failed"},
  };
  for (const auto& [kind, cause] : faults) {
    tenant.clear_faults();
    tenant.add_fault(Fault{kind, Endpoint::jwks});
    auto source = source_for(tenant, clock);
    auto keys = source->wait_for_keys(10s);
    BOOST_TEST_REQUIRE(!keys.ok(), cause);
    BOOST_TEST(keys.error().code == ErrorCode::keys_unavailable, cause);
    BOOST_TEST(keys.error().retryable, cause);  // no key set yet: the refresher keeps trying
    BOOST_TEST(keys.error().message.find(cause) != std::string::npos, keys.error().message);
  }
  tenant.clear_faults();
  auto untrusted_options = options_for(tenant, clock);
  untrusted_options.http.ca_file.clear();
  auto untrusted = source_for(tenant, clock, untrusted_options)->wait_for_keys(10s);
  BOOST_TEST_REQUIRE(!untrusted.ok());
  BOOST_TEST(untrusted.error().message.find("tls_failed") != std::string::npos);

  auto timeout_options = options_for(tenant, clock);
  timeout_options.http.total_timeout = 200ms;
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, 1000ms});
  auto slow = source_for(tenant, clock, timeout_options)->wait_for_keys(10s);
  BOOST_TEST_REQUIRE(!slow.ok());
  BOOST_TEST(slow.error().message.find("timeout") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_jwks_without_usable_keys_is_refused_and_old_keys_kept) {
  std::atomic<bool> empty{false};
  auto tenant = start_tenant();
  const std::string good_jwks = [&] {
    auto published = tenant->published_keys();
    return jwtcheck::testing::jwks_json(published);
  }();
  StubServer stub([&](httplib::Server& s) {
    s.Get("/jwks", [&](const httplib::Request&, httplib::Response& res) {
      res.set_content(empty ? R"({"keys":[{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}]})" : good_jwks,
                      "application/json");
    });
  });
  ManualClock clock;
  RemoteKeySourceOptions options;
  options.http = stub_http();
  options.clock = clock.clock();
  auto source = RemoteKeySource::from_jwks_url(stub.url("/jwks"), options);
  BOOST_TEST_REQUIRE(source.ok());
  auto keys = first_keys(**source);
  empty = true;
  auto refreshed = (*source)->refresh();
  BOOST_TEST_REQUIRE(!refreshed.ok());
  BOOST_TEST(refreshed.error().code == ErrorCode::invalid_jwks);
  BOOST_TEST(current_keys(**source) == keys);
}

BOOST_AUTO_TEST_CASE(the_first_fetch_is_shared_by_every_thread) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, 300ms});
  ManualClock clock;
  auto source = source_for(tenant, clock);
  constexpr int callers = 8;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  std::barrier start(callers);
  for (int i = 0; i < callers; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      if (source->wait_for_keys(10s).ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(ok.load() == callers);
  BOOST_TEST(tenant.counts().jwks == 1);
}

BOOST_AUTO_TEST_CASE(many_readers_during_refreshes_and_rotations_see_no_errors) {
  jwtcheck::testing::LocalTenantOptions tenant_options;
  tenant_options.alg = jwtcheck::Alg::ES256;  // cheap rotations: the test is about the cache, not RSA
  auto tenant = start_tenant(tenant_options);
  ManualClock clock;
  auto options = options_for(*tenant, clock);
  options.unknown_kid_cooldown = 0s;
  auto source = source_for(*tenant, clock, options);
  first_keys(*source);
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&] {
      while (!stop) {
        auto keys = source->current();
        if (!keys.ok() || (*keys)->empty()) ++errors;
        ++reads;
        std::this_thread::sleep_for(20us);  // leave the two CI cores to the tenant too
      }
    });
  }
  for (int round = 0; round < 6; ++round) {
    const std::string kid = tenant->rotate_key();
    auto found = source->refresh_for_unknown_kid(kid, 10s);
    if (!found.keys.ok() || !has_kid(**found.keys, kid)) ++errors;
    clock.advance(601s);
    if (!source->refresh().ok()) ++errors;
  }
  stop = true;
  for (auto& t : readers) t.join();
  BOOST_TEST(errors.load() == 0);
  BOOST_TEST(reads.load() > 0);
}

BOOST_AUTO_TEST_SUITE_END()
