// The whole chain over real TLS: TokenClient → RemoteKeySource → Verifier → scopes, with key
// rotation, stale keys, concurrency, and a search for the client secret in every failure.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/verifier.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"


using namespace fetch_test;
using jwtcheck::ErrorCode;
using jwtcheck::RemoteKeySource;
using jwtcheck::TokenClient;
using jwtcheck::Verifier;
using jwtcheck::testing::Endpoint;
using jwtcheck::testing::Fault;
using jwtcheck::testing::LocalTenant;

namespace {

std::shared_ptr<RemoteKeySource> discovered_keys(const LocalTenant& tenant, const ManualClock& clock) {
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(tenant);
  options.clock = clock.clock();
  auto source = RemoteKeySource::from_discovery(tenant.issuer(), jwtcheck::DiscoveryKind::openid_configuration, options);
  BOOST_TEST_REQUIRE(source.ok(), (source.ok() ? "" : source.error().message));
  auto first = (*source)->wait_for_keys(10s);  // verify() never waits for the first keys itself
  BOOST_TEST_REQUIRE(first.ok(), (first.ok() ? "" : first.error().message));
  return *source;
}

Verifier verifier_for(const LocalTenant& tenant, std::shared_ptr<jwtcheck::KeySource> keys,
                      std::vector<std::string> required_scopes = {}, jwtcheck::VerifierOptions options = {}) {
  jwtcheck::Policy policy;
  policy.issuer = tenant.issuer();
  policy.audiences = {demo_audience};
  policy.required_gty = "client-credentials";
  policy.required_scopes = std::move(required_scopes);
  auto verifier = Verifier::create(std::move(policy), std::move(keys), std::move(options));
  BOOST_TEST_REQUIRE(verifier.ok(), (verifier.ok() ? "" : verifier.error().message));
  return *verifier;
}

std::string fresh_token(const LocalTenant& tenant) {
  SleepRecorder sleeps;
  auto client = TokenClient::create(token_config(tenant, sleeps));
  BOOST_TEST_REQUIRE(client.ok());
  auto token = client->token();
  BOOST_TEST_REQUIRE(token.ok(), (token.ok() ? "" : token.error().message));
  return token->access_token;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(end_to_end)

// The tenant's RFC 9068 token profile, end to end: the rfc9068 policy accepts its tokens (client
// from client_id), and the auth0 policy's gty requirement does not.
BOOST_AUTO_TEST_CASE(rfc9068_tokens_from_the_tenant_verify_under_the_rfc9068_profile) {
  jwtcheck::testing::LocalTenantOptions options;
  options.token_profile = jwtcheck::TokenProfile::rfc9068;
  auto tenant = start_tenant(options);
  ManualClock clock;
  auto keys = discovered_keys(*tenant, clock);
  const std::string token = fresh_token(*tenant);
  jwtcheck::Policy policy;
  policy.issuer = tenant->issuer();
  policy.audiences = {demo_audience};
  policy.profile = jwtcheck::TokenProfile::rfc9068;
  policy.expected_client_id = "fetch-test-client";
  auto verifier = Verifier::create(policy, keys);
  BOOST_TEST_REQUIRE(verifier.ok());
  auto verified = verifier->verify(token);
  BOOST_TEST_REQUIRE(verified.ok(), (verified.ok() ? "" : verified.error().message));
  BOOST_TEST(verified->client_id() == "fetch-test-client");
  BOOST_TEST(verified->has_scope("read:reports"));
  const jwtcheck::Report report = verifier->check(token);
  BOOST_TEST(report.profile == jwtcheck::TokenProfile::rfc9068);
  BOOST_TEST(report.header_json.find(R"("typ":"at+jwt")") != std::string::npos, report.header_json);

  policy.profile = jwtcheck::TokenProfile::auth0;
  policy.required_gty = "client-credentials";
  auto auth0 = Verifier::create(policy, keys);
  BOOST_TEST_REQUIRE(auth0.ok());
  auto refused = auth0->verify(token);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::missing_claim, refused.error().message);  // no gty
}

BOOST_AUTO_TEST_CASE(token_client_to_remote_keys_to_verifier_to_scopes) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  auto verifier = verifier_for(tenant, discovered_keys(tenant, clock), {"read:reports"});
  const std::string token = fresh_token(tenant);
  auto verified = verifier.verify(token);
  BOOST_TEST_REQUIRE(verified.ok(), (verified.ok() ? "" : verified.error().message));
  BOOST_TEST(verified->client_id() == "fetch-test-client");
  BOOST_TEST(verified->issuer() == tenant.issuer());
  BOOST_TEST(verified->has_scope("read:reports"));
  BOOST_TEST(verified->has_scope("write:reports"));
  BOOST_TEST(!verified->has_scope("delete:reports"));
  BOOST_TEST(verified->kid() == tenant.current_key().kid());
  BOOST_TEST(tenant.counts().discovery == 1);
  BOOST_TEST(tenant.counts().jwks == 1);

  auto demanding = verifier_for(tenant, discovered_keys(tenant, clock), {"delete:reports"});
  auto refused = demanding.verify(token);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::missing_scope);
}

BOOST_AUTO_TEST_CASE(rotation_refetches_once_and_dropped_keys_stop_verifying) {
  auto tenant = start_tenant();
  ManualClock clock;
  auto keys = discovered_keys(*tenant, clock);
  auto verifier = verifier_for(*tenant, keys);
  const std::string old_token = fresh_token(*tenant);
  BOOST_TEST_REQUIRE(verifier.verify(old_token).ok());
  BOOST_TEST(tenant->counts().jwks == 1);

  tenant->rotate_key();
  const std::string new_token = fresh_token(*tenant);
  clock.advance(31s);  // past the cooldown that follows the first fetch
  // Refused at once (the verifier does not wait), retryable: the refetch it asked for is pending.
  auto early = verifier.verify(new_token);
  BOOST_TEST_REQUIRE(!early.ok());
  BOOST_TEST(early.error().code == ErrorCode::key_not_found, early.error().message);
  BOOST_TEST(early.error().retryable);
  BOOST_TEST(early.error().message.find("refresh is pending") != std::string::npos, early.error().message);
  BOOST_TEST_REQUIRE(keys->wait_until_idle(10s));  // the one refetch, made by the refresher
  for (int i = 0; i < 10; ++i) {
    auto verified = verifier.verify(new_token);
    BOOST_TEST(verified.ok(), (verified.ok() ? "" : verified.error().message));
  }
  BOOST_TEST(tenant->counts().jwks == 2);
  BOOST_TEST(verifier.verify(old_token).ok());  // the old key is still published

  // A verifier that may wait verifies a newly rotated key in the very call that asks for it.
  jwtcheck::VerifierOptions waiting;
  waiting.max_key_wait = 10s;
  auto patient = verifier_for(*tenant, keys, {}, waiting);
  tenant->rotate_key();
  const std::string newer_token = fresh_token(*tenant);
  clock.advance(31s);
  auto at_once = patient.verify(newer_token);
  BOOST_TEST(at_once.ok(), (at_once.ok() ? "" : at_once.error().message));
  BOOST_TEST(tenant->counts().jwks == 3);

  tenant->drop_old_keys();
  clock.advance(601s);  // the cache expires and is refreshed without the old keys
  BOOST_TEST_REQUIRE(keys->wait_until_idle(10s));
  BOOST_TEST(verifier.verify(newer_token).ok());
  BOOST_TEST(tenant->counts().jwks == 4);
  for (int i = 0; i < 10; ++i) {
    auto refused = verifier.verify(old_token);
    BOOST_TEST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().code == ErrorCode::key_not_found, refused.error().message);
    BOOST_TEST(!refused.error().retryable);  // cooling down: no refetch is coming
  }
  BOOST_TEST_REQUIRE(keys->wait_until_idle(10s));
  BOOST_TEST(tenant->counts().jwks == 4);  // the unknown kid waits for the cooldown
}

BOOST_AUTO_TEST_CASE(verification_survives_a_failing_tenant_for_the_stale_window) {
  auto& tenant = shared_tenant();
  ManualClock clock;
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(tenant);
  options.clock = clock.clock();
  options.stale_if_error = 600s;
  auto source = RemoteKeySource::from_jwks_url(tenant.jwks_url(), options);
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE((*source)->wait_for_keys(10s).ok());
  auto verifier = verifier_for(tenant, *source);
  const std::string token = fresh_token(tenant);
  BOOST_TEST_REQUIRE(verifier.verify(token).ok());

  tenant.add_fault(Fault{Fault::Kind::http_500, Endpoint::jwks});
  clock.advance(601s);
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(verifier.verify(token).ok());
    BOOST_TEST_REQUIRE((*source)->wait_until_idle(10s));  // the refresher's (failing) retries
    clock.advance(100s);
  }
  BOOST_TEST((*source)->status().stale);
  BOOST_TEST((*source)->status().last_error.has_value());
  clock.advance(200s);  // 1201 s after the fetch: beyond max-age + stale_if_error
  auto refused = verifier.verify(token);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == ErrorCode::keys_unavailable, refused.error().message);
  BOOST_TEST(!refused.error().retryable);
  BOOST_TEST(refused.error().message.find("500") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(eight_threads_verify_while_the_keys_refresh_and_rotate) {
  jwtcheck::testing::LocalTenantOptions tenant_options;
  tenant_options.alg = jwtcheck::Alg::ES256;  // cheap rotations
  auto tenant = start_tenant(tenant_options);
  ManualClock clock;
  auto keys = discovered_keys(*tenant, clock);
  auto verifier = verifier_for(*tenant, keys);
  std::vector<std::string> tokens{fresh_token(*tenant)};
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::atomic<int> verified{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); !stop; ++i) {
        auto result = verifier.verify(tokens[i % tokens.size()]);
        if (result.ok()) ++verified;
        else ++failures;
        std::this_thread::sleep_for(50us);
      }
    });
  }
  for (int round = 0; round < 5; ++round) {
    tenant->rotate_key();
    clock.advance(601s);
    if (!keys->refresh().ok()) ++failures;
    // Let the verifiers run against this key set: wait (a real condition, with a deadline) until
    // they have verified a few more tokens.
    const int before = verified.load();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (verified.load() < before + 16 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    BOOST_TEST(verified.load() >= before + 16);
  }
  stop = true;
  for (auto& t : threads) t.join();
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(verified.load() > 0);
}

BOOST_AUTO_TEST_CASE(the_client_secret_appears_in_no_error_message) {
  auto& tenant = shared_tenant();
  SleepRecorder sleeps;
  std::vector<std::string> messages;
  auto collect = [&](jwtcheck::TokenClientOptions config) {
    config.retry.max_retries = 1;
    auto client = TokenClient::create(std::move(config));
    if (!client.ok()) {
      messages.push_back(client.error().message);
      return;
    }
    auto token = client->token();
    BOOST_TEST(!token.ok());
    if (!token.ok()) messages.push_back(token.error().message);
  };
  for (auto kind : {Fault::Kind::http_500, Fault::Kind::http_429, Fault::Kind::invalid_json,
                    Fault::Kind::oversized_body, Fault::Kind::drop_connection}) {
    tenant.clear_faults();
    tenant.add_fault(Fault{kind, Endpoint::token});
    collect(token_config(tenant, sleeps));
  }
  tenant.clear_faults();
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::token, -1, 600ms});
  auto slow = token_config(tenant, sleeps);
  slow.http.total_timeout = 150ms;
  collect(std::move(slow));
  tenant.clear_faults();
  auto unknown_audience = token_config(tenant, sleeps);
  unknown_audience.audience = "https://unknown.api.test";
  collect(std::move(unknown_audience));
  auto no_audience = token_config(tenant, sleeps);
  no_audience.audience.clear();
  collect(std::move(no_audience));
  auto untrusted = token_config(tenant, sleeps);
  untrusted.http.ca_file.clear();
  collect(std::move(untrusted));
  auto wrong_client = token_config(tenant, sleeps);
  wrong_client.client_id = "nobody";
  collect(std::move(wrong_client));
  for (auto format : {jwtcheck::TokenRequestFormat::json, jwtcheck::TokenRequestFormat::form}) {
    auto basic = token_config(tenant, sleeps);
    basic.client_id = "nobody";
    basic.format = format;
    basic.auth_method = jwtcheck::ClientAuthMethod::basic;
    collect(std::move(basic));
  }

  // A hostile endpoint that echoes the request back, in a body and in a redirect target.
  StubServer echo([](httplib::Server& s) {
    s.Post("/400", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 400;
      res.set_content(R"({"error":"invalid_request","error_description":")" + req.body + "\"}", "application/json");
    });
    s.Post("/500", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 500;
      res.set_content(req.body, "text/plain");
    });
    s.Post("/302", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", "https://evil.example.com/?" + req.body);
    });
    s.Post("/200", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(R"({"access_token":)" + req.body + "}", "application/json");
    });
  });
  for (const char* path : {"/400", "/500", "/302", "/200"}) {
    for (auto format : {jwtcheck::TokenRequestFormat::json, jwtcheck::TokenRequestFormat::form}) {
      auto hostile = token_config(tenant, sleeps);
      hostile.token_url = echo.url(path);
      hostile.http = stub_http();
      hostile.format = format;
      collect(std::move(hostile));
    }
  }
  // Configuration errors.
  auto bad_url = token_config(tenant, sleeps);
  bad_url.token_url = "https://nobody:" + client_secret + "@tenant.example.com/oauth/token";
  collect(std::move(bad_url));
  auto bad_domain = token_config(tenant, sleeps);
  bad_domain.token_url.clear();
  bad_domain.domain = "nobody:" + client_secret + "@tenant.example.com";
  collect(std::move(bad_domain));

  BOOST_TEST(messages.size() == 22u);  // every flow above failed and was collected
  for (const auto& message : messages) {
    BOOST_TEST(!message.empty());
    BOOST_TEST(message.find(client_secret) == std::string::npos, message);
    BOOST_TEST(message.find("fetch-test-SECRET") == std::string::npos, message);
  }
}

BOOST_AUTO_TEST_SUITE_END()
