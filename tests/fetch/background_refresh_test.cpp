// verify() never waits on the network (lib/fetch/remote_key_source.cpp's refresher thread and
// lib/verify/key_selection.cpp's bounded wait), against a LocalTenant whose JWKS answers slowly:
// unknown kids are refused at once (or after the wait the caller opted into), retryable; known
// kids keep verifying; at most max_key_waiters calls wait; stale sets and rotations are fetched
// by the refresher; destruction aborts a slow fetch. Synchronised with latches, barriers and the
// tenant's request counts; the only clock reads measure how long calls took.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>
#include <jwtcheck/verifier.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"

#include <algorithm>
#include <barrier>
#include <latch>
#include <span>

using namespace fetch_test;
using jwtcheck::ErrorCode;
using jwtcheck::RemoteKeySource;
using jwtcheck::Verifier;
using jwtcheck::VerifierOptions;
using jwtcheck::testing::Endpoint;
using jwtcheck::testing::Fault;
using jwtcheck::testing::LocalTenant;
using Clock = std::chrono::steady_clock;

namespace {

// The issue's bound: max_key_wait plus 100 ms, far below the 10 s the slowed JWKS takes. Under
// a sanitizer (ThreadSanitizer or AddressSanitizer) 72 threads on 2 cores run several times
// slower (ASan measured 111-189 ms in CI), so the slack grows there; it stays well under the slow
// fetch, so a call that waited for it still fails.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr auto kSlack = std::chrono::milliseconds(1000);
#else
constexpr auto kSlack = std::chrono::milliseconds(100);
#endif

constexpr auto kSlowJwks = 10s;  // how long the tenant holds the JWKS request in these tests

std::unique_ptr<LocalTenant> es256_tenant() {
  jwtcheck::testing::LocalTenantOptions options;
  options.alg = jwtcheck::Alg::ES256;  // cheap keys: the tests are about waiting, not RSA
  return start_tenant(options);
}

// Keys from the tenant, with the first set already fetched. The HTTP timeout is longer than the
// slow JWKS answer, so a slow fetch really stays in flight for kSlowJwks.
std::shared_ptr<RemoteKeySource> fetched_source(const LocalTenant& tenant, const ManualClock& clock) {
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(tenant);
  options.http.total_timeout = 30s;
  options.clock = clock.clock();
  auto source = RemoteKeySource::from_jwks_url(tenant.jwks_url(), options);
  BOOST_TEST_REQUIRE(source.ok(), (source.ok() ? "" : source.error().message));
  auto first = (*source)->wait_for_keys(10s);
  BOOST_TEST_REQUIRE(first.ok(), (first.ok() ? "" : first.error().message));
  return *source;
}

Verifier verifier_for(const LocalTenant& tenant, std::shared_ptr<jwtcheck::KeySource> keys, VerifierOptions options) {
  jwtcheck::Policy policy;
  policy.issuer = tenant.issuer();
  policy.audiences = {demo_audience};
  auto verifier = Verifier::create(std::move(policy), std::move(keys), std::move(options));
  BOOST_TEST_REQUIRE(verifier.ok(), (verifier.ok() ? "" : verifier.error().message));
  return *verifier;
}

jwtcheck::testing::Auth0Claims claims() {
  jwtcheck::testing::Auth0Claims c;
  c.client_id = "fetch-test-client";
  c.audiences = {demo_audience};
  return c;
}

std::string tenant_token(const LocalTenant& tenant) {
  auto token = tenant.mint(claims());
  BOOST_TEST_REQUIRE(token.ok());
  return *token;
}

// Tokens of the tenant's issuer signed by keys the tenant never published, each with its own kid.
std::vector<std::string> unknown_kid_tokens(const LocalTenant& tenant, int count) {
  auto key = jwtcheck::testing::SigningKey::generate(jwtcheck::Alg::ES256, "stranger");
  BOOST_TEST_REQUIRE(key.ok());
  std::vector<std::string> tokens;
  for (int i = 0; i < count; ++i) {
    jwtcheck::testing::MintOptions options;
    options.include_kid = false;
    options.extra_header_json = R"({"kid":"unknown-)" + std::to_string(i) + R"("})";
    auto c = claims();
    c.issuer = tenant.issuer();
    auto token = jwtcheck::testing::mint_token(*key, c.to_json(), options);
    BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : token.error().message));
    tokens.push_back(std::move(*token));
  }
  return tokens;
}

struct Outcome {
  Clock::duration took{};
  bool ok = false;
  ErrorCode code{};
  bool retryable = false;
  std::string message;
};

// Runs verify(tokens[i]) on one thread per token, all released together; returns each outcome.
std::vector<Outcome> verify_together(const Verifier& verifier, const std::vector<std::string>& tokens) {
  std::vector<Outcome> outcomes(tokens.size());
  std::barrier start(static_cast<std::ptrdiff_t>(tokens.size()));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      const auto began = Clock::now();
      auto result = verifier.verify(tokens[i]);
      Outcome& out = outcomes[i];
      out.took = Clock::now() - began;
      out.ok = result.ok();
      if (!result.ok()) {
        out.code = result.error().code;
        out.retryable = result.error().retryable;
        out.message = result.error().message;
      }
    });
  }
  for (auto& t : threads) t.join();
  return outcomes;
}

std::chrono::milliseconds slowest(std::span<const Outcome> outcomes) {
  Clock::duration max{};
  for (const Outcome& o : outcomes) max = std::max(max, o.took);
  return std::chrono::duration_cast<std::chrono::milliseconds>(max);
}

// Asks the source for a refetch that the tenant then holds for kSlowJwks; returns once the
// request has reached the tenant.
void start_slow_refetch(LocalTenant& tenant, RemoteKeySource& source, ManualClock& clock) {
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, kSlowJwks});
  clock.advance(31s);  // past the cooldown that follows the first fetch
  BOOST_TEST_REQUIRE(source.refresh_for_unknown_kid("kid-that-starts-the-refetch", 0ms).pending);
  BOOST_TEST_REQUIRE(tenant.wait_for_requests(Endpoint::jwks, 2, 10s));
  BOOST_TEST_REQUIRE(source.status().refreshing);
}

// Forwards to a source, recording the max_wait of each unknown-kid call; every call waits at a
// latch until `expected` calls have arrived, so they all overlap.
class RecordingSource final : public jwtcheck::KeySource {
 public:
  RecordingSource(std::shared_ptr<jwtcheck::KeySource> inner, int expected) : inner_(std::move(inner)), all_in_(expected) {}
  jwtcheck::Result<std::shared_ptr<const jwtcheck::KeySet>> current() override { return inner_->current(); }
  jwtcheck::KeyRefresh refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) override {
    {
      std::lock_guard lock(mutex_);
      waits_.push_back(max_wait);
    }
    all_in_.arrive_and_wait();
    return inner_->refresh_for_unknown_kid(kid, max_wait);
  }
  std::vector<std::chrono::milliseconds> waits() {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  std::shared_ptr<jwtcheck::KeySource> inner_;
  std::latch all_in_;
  std::mutex mutex_;
  std::vector<std::chrono::milliseconds> waits_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(background_refresh)

BOOST_AUTO_TEST_CASE(unknown_kids_are_refused_within_max_key_wait_while_the_jwks_is_slow) {
  auto tenant = es256_tenant();
  ManualClock clock;
  auto source = fetched_source(*tenant, clock);
  const std::string known = tenant_token(*tenant);
  const auto unknown = unknown_kid_tokens(*tenant, 64);
  tenant->add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, kSlowJwks});
  clock.advance(31s);  // past the cooldown: the first unknown kid asks for the (slow) refetch

  for (const auto max_wait : {0ms, 200ms}) {
    BOOST_TEST_CONTEXT("max_key_wait " << max_wait.count() << " ms") {
      VerifierOptions options;
      options.max_key_wait = max_wait;
      const Verifier verifier = verifier_for(*tenant, source, options);
      std::vector<std::string> tokens = unknown;
      tokens.insert(tokens.end(), 8, known);  // known kids verify meanwhile, alongside
      const auto outcomes = verify_together(verifier, tokens);
      for (std::size_t i = 0; i < unknown.size(); ++i) {
        const Outcome& o = outcomes[i];
        BOOST_TEST(!o.ok);
        BOOST_TEST((o.code == ErrorCode::key_not_found), o.message);
        BOOST_TEST(o.retryable, o.message);
        BOOST_TEST(o.message.find("refresh is pending") != std::string::npos, o.message);
        BOOST_TEST((o.took <= max_wait + kSlack), "took " << std::chrono::duration_cast<std::chrono::milliseconds>(o.took).count() << " ms");
      }
      for (std::size_t i = unknown.size(); i < tokens.size(); ++i) BOOST_TEST(outcomes[i].ok, outcomes[i].message);
      BOOST_TEST_MESSAGE("max_key_wait " << max_wait.count() << " ms: slowest of the " << unknown.size()
                                         << " unknown-kid verifies took "
                                         << slowest(std::span(outcomes).first(unknown.size())).count()
                                         << " ms; slowest of all " << tokens.size() << ": "
                                         << slowest(outcomes).count() << " ms");
      BOOST_TEST(source->status().refreshing);  // the refetch is still held by the tenant
      BOOST_TEST(verifier.verify(known).ok());
    }
  }
  BOOST_TEST(tenant->counts().jwks == 2);  // one refetch for 128 unknown kids
}

BOOST_AUTO_TEST_CASE(at_most_max_key_waiters_calls_wait_for_a_slow_refetch) {
  auto tenant = es256_tenant();
  ManualClock clock;
  auto remote = fetched_source(*tenant, clock);
  start_slow_refetch(*tenant, *remote, clock);
  constexpr int callers = 8;
  auto recording = std::make_shared<RecordingSource>(remote, callers);
  VerifierOptions options;
  options.max_key_wait = 300ms;
  options.max_key_waiters = 2;
  const Verifier verifier = verifier_for(*tenant, recording, options);
  const auto outcomes = verify_together(verifier, unknown_kid_tokens(*tenant, callers));

  const auto waits = recording->waits();
  BOOST_TEST_REQUIRE(waits.size() == std::size_t{callers});
  BOOST_TEST(std::count(waits.begin(), waits.end(), 300ms) == 2);  // every call was in at once
  BOOST_TEST(std::count(waits.begin(), waits.end(), 0ms) == callers - 2);
  int waited = 0;
  for (const Outcome& o : outcomes) {
    BOOST_TEST((o.code == ErrorCode::key_not_found && o.retryable), o.message);
    if (o.took >= 250ms) ++waited;
    BOOST_TEST((o.took <= 400ms));
  }
  BOOST_TEST(waited == 2);
  BOOST_TEST_MESSAGE("2 of " << callers << " waited; slowest took " << slowest(outcomes).count() << " ms");
}

BOOST_AUTO_TEST_CASE(a_rotated_key_verifies_after_one_refetch_by_the_refresher) {
  auto tenant = es256_tenant();
  ManualClock clock;
  auto source = fetched_source(*tenant, clock);
  const Verifier verifier = verifier_for(*tenant, source, {});
  BOOST_TEST_REQUIRE(verifier.verify(tenant_token(*tenant)).ok());

  tenant->rotate_key();
  const std::string rotated = tenant_token(*tenant);
  clock.advance(31s);
  auto refused = verifier.verify(rotated);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::key_not_found);
  BOOST_TEST(refused.error().retryable);
  BOOST_TEST_REQUIRE(source->wait_until_idle(10s));
  auto verified = verifier.verify(rotated);
  BOOST_TEST(verified.ok(), (verified.ok() ? "" : verified.error().message));
  BOOST_TEST(tenant->counts().jwks == 2);
}

BOOST_AUTO_TEST_CASE(a_stale_set_is_refreshed_by_the_refresher_and_current_never_waits) {
  auto tenant = es256_tenant();
  ManualClock clock;
  auto source = fetched_source(*tenant, clock);
  const auto keys = source->current();
  BOOST_TEST_REQUIRE(keys.ok());
  const Verifier verifier = verifier_for(*tenant, source, {});
  const std::string token = tenant_token(*tenant);
  tenant->add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, kSlowJwks});
  clock.advance(601s);  // the set expires

  const auto began = Clock::now();
  auto stale = source->current();  // returns the stale set and wakes the refresher
  BOOST_TEST_REQUIRE(stale.ok());
  BOOST_TEST(*stale == *keys);
  BOOST_TEST_REQUIRE(tenant->wait_for_requests(Endpoint::jwks, 2, 10s));  // the refresher's refetch
  BOOST_TEST(source->status().stale);
  BOOST_TEST(source->status().refreshing);
  for (int i = 0; i < 100; ++i) {
    auto again = source->current();
    BOOST_TEST_REQUIRE(again.ok());
    BOOST_TEST(*again == *keys);
    BOOST_TEST(verifier.verify(token).ok());
  }
  const auto took = Clock::now() - began;
  BOOST_TEST((took < kSlowJwks / 4), "took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
  BOOST_TEST(tenant->counts().jwks == 2);  // the readers made no request of their own
}

BOOST_AUTO_TEST_CASE(before_the_first_key_set_current_and_verify_refuse_at_once_retryably) {
  auto tenant = es256_tenant();
  tenant->add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, kSlowJwks});
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(*tenant);
  options.http.total_timeout = 30s;
  auto made = RemoteKeySource::from_jwks_url(tenant->jwks_url(), options);
  BOOST_TEST_REQUIRE(made.ok());
  auto source = *made;
  BOOST_TEST_REQUIRE(tenant->wait_for_requests(Endpoint::jwks, 1, 10s));  // the first fetch, held

  const auto began = Clock::now();
  auto none = source->current();
  BOOST_TEST_REQUIRE(!none.ok());
  BOOST_TEST(none.error().code == ErrorCode::keys_unavailable);
  BOOST_TEST(none.error().retryable);
  const Verifier verifier = verifier_for(*tenant, source, {});
  auto refused = verifier.verify(tenant_token(*tenant));
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::keys_unavailable);
  BOOST_TEST(refused.error().retryable);
  BOOST_TEST((Clock::now() - began < 1s));
  auto timed_out = source->wait_for_keys(100ms);  // the explicit wait is bounded too
  BOOST_TEST_REQUIRE(!timed_out.ok());
  BOOST_TEST(timed_out.error().retryable);
  BOOST_TEST(timed_out.error().message.find("within 100 ms") != std::string::npos, timed_out.error().message);
  BOOST_TEST(tenant->counts().jwks == 1);
}

BOOST_AUTO_TEST_CASE(destruction_aborts_a_slow_fetch_and_joins_promptly) {
  auto tenant = es256_tenant();
  ManualClock clock;
  auto source = fetched_source(*tenant, clock);
  start_slow_refetch(*tenant, *source, clock);
  const auto began = Clock::now();
  source.reset();  // the last reference: stops the refresher, whose request is held for 10 s
  const auto took = Clock::now() - began;
  BOOST_TEST_MESSAGE("destroyed in " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
  BOOST_TEST((took < 2500ms));  // libcurl polls the abort flag about once a second when idle
}

BOOST_AUTO_TEST_SUITE_END()
