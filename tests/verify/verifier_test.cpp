// The Verifier end to end: every algorithm's happy path, what a VerifiedToken and a Report
// carry, policy validation at creation, key choice by kid, and concurrent use.
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

struct AlgCase {
  Alg alg;
  bool ed448 = false;
};

const TestKey& key_for(const AlgCase& c) {
  if (!c.ed448) return cached_test_key(c.alg);
  static const TestKey ed448 = generate_test_key(Alg::EdDSA, "ed448-key", 2048, true);
  return ed448;
}

const AlgCase kAllAlgCases[] = {{Alg::RS256}, {Alg::RS384}, {Alg::RS512}, {Alg::PS256}, {Alg::PS384},
                                {Alg::PS512}, {Alg::ES256}, {Alg::ES384}, {Alg::ES512}, {Alg::EdDSA},
                                {Alg::EdDSA, true}, {Alg::HS256}, {Alg::HS384}, {Alg::HS512}};

bool has_check(const Report& r, std::string_view name, bool passed) {
  return std::any_of(r.checks.begin(), r.checks.end(), [&](const Check& c) { return c.name == name && c.passed == passed; });
}

// A key source that counts calls and can hand out a newer set on refresh.
class CountingSource final : public KeySource {
 public:
  CountingSource(KeySet first, KeySet after_refresh)
      : first_(std::make_shared<const KeySet>(std::move(first))),
        second_(std::make_shared<const KeySet>(std::move(after_refresh))) {}
  Result<std::shared_ptr<const KeySet>> current() override {
    ++current_calls;
    return refreshed ? second_ : first_;
  }
  KeyRefresh refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) override {
    ++refresh_calls;
    last_kid = std::string(kid);
    last_max_wait = max_wait;
    refreshed = true;
    return KeyRefresh{second_, report_pending};
  }
  std::atomic<int> current_calls{0}, refresh_calls{0};
  bool refreshed = false;
  std::string last_kid;
  std::chrono::milliseconds last_max_wait{-1};
  bool report_pending = false;

 private:
  std::shared_ptr<const KeySet> first_, second_;
};

class FailingSource final : public KeySource {
 public:
  Result<std::shared_ptr<const KeySet>> current() override {
    return Error{ErrorCode::keys_unavailable, "keys: no key set yet (fetch failed)"};
  }
  KeyRefresh refresh_for_unknown_kid(std::string_view, std::chrono::milliseconds) override {
    return KeyRefresh{current(), false};
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(verifier)

BOOST_AUTO_TEST_CASE(auth0_happy_path_for_every_algorithm) {
  for (const AlgCase& c : kAllAlgCases) {
    const TestKey& key = key_for(c);
    BOOST_TEST_CONTEXT(alg_name(c.alg) << (c.ed448 ? " Ed448" : "")) {
      const Verifier v = make_verifier(key_set_of({&key}));
      const std::string token = auth0_token(key, c.alg);
      auto r = v.verify(token);
      BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
      BOOST_TEST(r->alg() == alg_name(c.alg));
      BOOST_TEST(r->kid() == key.kid);
      BOOST_TEST(r->issuer() == kIssuer);
      BOOST_TEST(r->subject() == std::string(kClientId) + "@clients");
      BOOST_TEST(r->client_id() == kClientId);
      BOOST_REQUIRE(r->audiences().size() == 1u);
      BOOST_TEST(r->audiences()[0] == kAudience);
      BOOST_TEST(r->expires_at().value() == kNow + 3600);
      BOOST_TEST(r->issued_at().value() == kNow - 60);
      BOOST_TEST(!r->not_before().has_value());
      BOOST_TEST(r->has_scope("read:reports"));
      BOOST_TEST(r->has_scope("write:reports"));
      BOOST_TEST(!r->has_scope("read"));
      BOOST_TEST(r->claims_json() == auth0_claims().str());
      BOOST_TEST(r->header_json() == jose_header_json(c.alg, key.kid));

      const Report report = v.check(token);
      BOOST_TEST(report.valid);
      BOOST_TEST(report.errors.empty());
      BOOST_TEST(report.alg == alg_name(c.alg));
      BOOST_TEST(report.kid == key.kid);
      BOOST_TEST(report.key_thumbprint == verification_key(key).thumbprint());
      BOOST_TEST(report.key_thumbprint.empty() == is_hmac(c.alg));
      BOOST_TEST(report.claims_json == auth0_claims().str());
      for (const char* name : {"alg", "signature", "iss", "aud", "sub", "azp", "exp", "iat", "scope"})
        BOOST_TEST(has_check(report, name, true), "check " << name);
    }
  }
}

BOOST_AUTO_TEST_CASE(verified_token_outlives_the_input_and_copies_share) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  std::optional<VerifiedToken> kept;
  {
    std::string token = auth0_token(key, Alg::ES256, auth0_claims().set("aud", R"(["https://other","https://api.example"])"));
    auto r = v.verify(token);
    BOOST_REQUIRE(r.ok());
    kept = *r;
    std::fill(token.begin(), token.end(), 'x');  // the views must not point into the input
  }
  BOOST_TEST(kept->issuer() == kIssuer);
  BOOST_REQUIRE(kept->audiences().size() == 2u);
  BOOST_TEST(kept->audiences()[0] == "https://other");
  BOOST_TEST(kept->audiences()[1] == "https://api.example");
  BOOST_TEST(kept->kid() == key.kid);
  const VerifiedToken copy = *kept;
  kept.reset();
  BOOST_TEST(copy.client_id() == kClientId);
  BOOST_TEST(copy.scopes().size() == 2u);
}

BOOST_AUTO_TEST_CASE(views_survive_escaped_strings) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  auto claims = auth0_claims()
                    .set("iss", R"("https:\/\/tenant.example\/")")
                    .set("sub", R"("AbCdEf123\u0040clients")")
                    .set("scope", R"("read:reports \u0077rite:x")");
  auto r = v.verify(auth0_token(key, Alg::ES256, claims));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  BOOST_TEST(r->issuer() == kIssuer);
  BOOST_TEST(r->subject() == "AbCdEf123@clients");
  BOOST_TEST(r->client_id() == "AbCdEf123");
  BOOST_TEST(r->has_scope("write:x"));
  BOOST_TEST(r->claims_json() == claims.str());  // the text as sent, escapes and all
}

BOOST_AUTO_TEST_CASE(without_escapes_views_point_into_the_claims_text) {
  // No backslash in the claims: the VerifiedToken keeps no parsed copy, its views read the text.
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  auto r = v.verify(auth0_token(key, Alg::ES256, auth0_claims()));
  BOOST_REQUIRE(r.ok());
  const std::string_view text = r->claims_json();
  auto inside = [&](std::string_view s) { return s.data() >= text.data() && s.end() <= text.end(); };
  BOOST_TEST(r->issuer() == kIssuer);
  BOOST_TEST(inside(r->issuer()));
  BOOST_TEST(inside(r->subject()));
  BOOST_TEST(inside(r->client_id()));
  BOOST_REQUIRE(!r->audiences().empty());
  BOOST_TEST(inside(r->audiences()[0]));
  BOOST_REQUIRE(!r->scopes().empty());
  BOOST_TEST(inside(r->scopes()[0].name));
  BOOST_TEST(text.find(r->scopes()[0].name) != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(scopes_merge_with_sources_in_first_seen_order) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  auto claims = auth0_claims()
                    .set_string("scope", "  read:a   write:b read:a ")
                    .set("scp", R"(["write:b","x"])")
                    .set("permissions", R"(["read:a","p",""])");
  auto r = v.verify(auth0_token(key, Alg::ES256, claims));
  BOOST_REQUIRE(r.ok());
  const auto scopes = r->scopes();
  BOOST_REQUIRE(scopes.size() == 4u);
  BOOST_TEST(scopes[0].name == "read:a");
  BOOST_TEST(scopes[0].sources == (scope_from_scope | scope_from_permissions));
  BOOST_TEST(scopes[1].name == "write:b");
  BOOST_TEST(scopes[1].sources == (scope_from_scope | scope_from_scp));
  BOOST_TEST(scopes[2].name == "x");
  BOOST_TEST(scopes[2].sources == scope_from_scp);
  BOOST_TEST(scopes[3].name == "p");
  BOOST_TEST(scopes[3].sources == scope_from_permissions);

  const Report report = v.check(auth0_token(key, Alg::ES256, claims));
  BOOST_REQUIRE(report.scopes.size() == 4u);
  BOOST_TEST(report.scopes[1].name == "write:b");
  BOOST_TEST(report.scopes[1].sources == (scope_from_scope | scope_from_scp));

  // scp as a space-separated string.
  auto r2 = v.verify(auth0_token(key, Alg::ES256, auth0_claims().remove("scope").set_string("scp", "a b")));
  BOOST_REQUIRE(r2.ok());
  BOOST_TEST(r2->scopes().size() == 2u);
  BOOST_TEST(r2->scopes()[1].sources == scope_from_scp);
}

BOOST_AUTO_TEST_CASE(many_scopes_spill_and_stay_correct) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  std::string perms = "[";
  for (int i = 0; i < 300; ++i) perms += (i ? ",\"" : "\"") + std::string("perm:") + std::to_string(i) + "\"";
  perms += "]";
  auto r = v.verify(auth0_token(key, Alg::ES256, auth0_claims().set("permissions", perms)));
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->scopes().size() == 302u);
  BOOST_TEST(r->scopes()[301].name == "perm:299");
  BOOST_TEST(r->has_scope("perm:150"));
}

BOOST_AUTO_TEST_CASE(report_lists_every_failure_with_messages) {
  const TestKey& key = cached_test_key(Alg::RS256);
  Policy p = auth0_policy();
  p.audiences = {"https://api"};
  p.leeway = std::chrono::seconds(5);
  p.required_scopes = {"admin"};
  const Verifier v = make_verifier(key_set_of({&key}), p);
  auto claims = auth0_claims().set_string("iss", "https://evil.example/").set("aud", R"(["https://x"])").set_number("exp", kNow - 37);
  const std::string token = auth0_token(key, Alg::RS256, claims);
  const Report r = v.check(token);
  BOOST_TEST(!r.valid);
  BOOST_REQUIRE(r.errors.size() == 4u);
  BOOST_TEST(r.errors[0].code == ErrorCode::issuer_mismatch);
  BOOST_TEST(r.errors[0].message == R"(iss: expected "https://tenant.example/" got "https://evil.example/")");
  BOOST_TEST(r.errors[1].code == ErrorCode::audience_mismatch);
  BOOST_TEST(r.errors[1].message == R"(aud: expected "https://api" got ["https://x"])");
  BOOST_TEST(r.errors[2].code == ErrorCode::expired);
  BOOST_TEST(r.errors[2].message == "exp: expired 37 s ago (leeway 5 s)");
  BOOST_TEST(r.errors[3].code == ErrorCode::missing_scope);
  BOOST_TEST(r.errors[3].message == R"(scope: missing ["admin"] (granted: "read:reports write:reports"))");
  BOOST_TEST(has_check(r, "signature", true));
  BOOST_TEST(has_check(r, "iss", false));
  BOOST_TEST(has_check(r, "aud", false));
  BOOST_TEST(has_check(r, "sub", true));
  BOOST_TEST(has_check(r, "exp", false));
  BOOST_TEST(has_check(r, "scope", false));
  const auto aud = std::find_if(r.checks.begin(), r.checks.end(), [](const Check& c) { return c.name == "aud"; });
  BOOST_TEST(aud->expected == "\"https://api\"");
  BOOST_TEST(aud->actual == "[\"https://x\"]");
  BOOST_TEST(aud->expected_json == aud->expected);  // already JSON
  BOOST_TEST(aud->actual_json == aud->actual);
  const auto exp = std::find_if(r.checks.begin(), r.checks.end(), [](const Check& c) { return c.name == "exp"; });
  BOOST_TEST(exp->expected.find("later than now") == 0u, exp->expected);  // for people
  BOOST_TEST(exp->actual_json == std::to_string(kNow - 37));               // for programs
  BOOST_TEST(exp->expected_json == R"({"now":)" + std::to_string(kNow) + R"(,"leeway":5,"greater_than":)" +
                                       std::to_string(kNow - 5) + "}");
  const auto sub = std::find_if(r.checks.begin(), r.checks.end(), [](const Check& c) { return c.name == "sub"; });
  BOOST_TEST(sub->expected_json.front() == '"', sub->expected_json);  // a description becomes a JSON string
  BOOST_TEST(!r.key_thumbprint.empty());
  // verify stops at the first of them.
  auto first = v.verify(token);
  BOOST_REQUIRE(!first.ok());
  BOOST_TEST(first.error().code == ErrorCode::issuer_mismatch);
  BOOST_TEST(first.error().message == r.errors[0].message);
}

BOOST_AUTO_TEST_CASE(report_continues_past_a_bad_signature) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  std::string token = auth0_token(key, Alg::ES256, auth0_claims().set_number("exp", kNow - 100));
  token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
  const Report r = v.check(token);
  BOOST_TEST(!r.valid);
  BOOST_REQUIRE(r.errors.size() == 2u);
  BOOST_TEST(r.errors[0].code == ErrorCode::bad_signature);
  BOOST_TEST(r.errors[1].code == ErrorCode::expired);
  BOOST_TEST(r.key_thumbprint.empty());
  BOOST_TEST(!r.claims_json.empty());
  BOOST_TEST(has_check(r, "signature", false));
}

BOOST_AUTO_TEST_CASE(report_of_an_undecodable_token) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&key}));
  const Report r = v.check("not a token");
  BOOST_TEST(!r.valid);
  BOOST_REQUIRE(r.errors.size() == 1u);
  BOOST_TEST(r.errors[0].code == ErrorCode::malformed_token);
  BOOST_TEST(r.header_json.empty());
  BOOST_TEST(r.claims_json.empty());
  BOOST_TEST(has_check(r, "token", false));
  // Header broken, claims fine: the claims are still checked.
  const Report r2 = v.check(compact_token("{\"alg\":1}", auth0_claims().set_number("exp", 1).str()));
  BOOST_REQUIRE(r2.errors.size() == 2u);
  BOOST_TEST(r2.errors[0].code == ErrorCode::invalid_header);
  BOOST_TEST(r2.errors[1].code == ErrorCode::expired);
  BOOST_TEST(!r2.claims_json.empty());
}

BOOST_AUTO_TEST_CASE(create_refuses_unusable_policies) {
  const TestKey& key = cached_test_key(Alg::ES256);
  auto refuse = [&](Policy p, std::string_view fragment, std::shared_ptr<KeySource> source = nullptr) {
    auto v = source ? Verifier::create(std::move(p), std::move(source), pinned_options())
                    : Verifier::create(std::move(p), key_set_of({&key}), pinned_options());
    BOOST_REQUIRE(!v.ok());
    BOOST_TEST(v.error().code == ErrorCode::invalid_policy);
    BOOST_TEST(v.error().message.find(fragment) != std::string::npos, v.error().message);
  };
  Policy p = auth0_policy();
  p.issuer.clear();
  refuse(p, "issuer is empty");
  p = auth0_policy();
  p.audiences.clear();
  refuse(p, "no audience");
  p = auth0_policy();
  p.audiences = {"https://api", ""};
  refuse(p, "audience is empty");
  {
    VerifierOptions options;
    options.cache_entries = std::size_t{1} << 30;
    auto v = Verifier::create(auth0_policy(), key_set_of({&key}), pinned_options(options));
    BOOST_REQUIRE(!v.ok());
    BOOST_TEST(v.error().message.find("cache_entries 1073741824 is above the limit") != std::string::npos);
  }
  p = auth0_policy();
  p.algorithms = {Alg::RS256, Alg::HS256};
  refuse(p, "no HMAC key");
  p = auth0_policy();
  p.algorithms = {Alg::HS384};
  refuse(p, "HS384 is allowed but the key source is not a fixed key set",
         std::make_shared<CountingSource>(key_set_of({&key}), key_set_of({&key})));
  p = auth0_policy();
  p.leeway = std::chrono::seconds(-1);
  refuse(p, "leeway is negative");
  p = auth0_policy();
  p.required_scopes = {"read write"};
  refuse(p, "contains a space");
  p = auth0_policy();
  p.expected_client_id = "";
  refuse(p, "expected_client_id is empty");
  auto no_source = Verifier::create(auth0_policy(), std::shared_ptr<KeySource>());
  BOOST_REQUIRE(!no_source.ok());
  BOOST_TEST(no_source.error().code == ErrorCode::invalid_policy);
  // An HMAC key for HS256 does not make HS512 allowable.
  const TestKey& hs256 = cached_test_key(Alg::HS256);
  Policy hs = auth0_policy();
  hs.algorithms = {Alg::HS512};
  auto v = Verifier::create(hs, key_set_of({&hs256}), pinned_options());
  BOOST_REQUIRE(!v.ok());
  BOOST_TEST(v.error().code == ErrorCode::invalid_policy);
  hs.algorithms = {Alg::HS256};
  BOOST_TEST(Verifier::create(hs, key_set_of({&hs256}), pinned_options()).ok());
}

BOOST_AUTO_TEST_CASE(clock_defaults_to_the_system_clock) {
  const TestKey& key = cached_test_key(Alg::ES256);
  auto v = Verifier::create(auth0_policy(), key_set_of({&key}));  // VerifierOptions{}: no clock given
  BOOST_REQUIRE(v.ok());
  BOOST_TEST(static_cast<bool>(v->options().clock));
  const std::int64_t now = system_clock_now();
  BOOST_TEST(v->options().clock() >= now);
  BOOST_TEST(now > 1700000000);  // later than this code was written
  // The coarse clock it reads lags the exact one by milliseconds: at most one second apart.
  const std::int64_t exact =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  BOOST_TEST(exact - now >= 0);
  BOOST_TEST(exact - now <= 1);
  // kNow is long past for the system clock: exp = kNow + 3600 is expired.
  auto r = v->verify(auth0_token(key, Alg::ES256));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::expired);
}

BOOST_AUTO_TEST_CASE(unknown_kid_refreshes_once_then_fails) {
  const TestKey& old_key = cached_test_key(Alg::ES256);
  const TestKey new_key = generate_test_key(Alg::ES256, "rotated-key");
  // The refreshed set has the rotated key.
  auto source = std::make_shared<CountingSource>(key_set_of({&old_key}), key_set_of({&old_key, &new_key}));
  auto v = Verifier::create(auth0_policy(), source, pinned_options());
  BOOST_REQUIRE(v.ok());
  BOOST_TEST(v->verify(auth0_token(old_key, Alg::ES256)).ok());
  BOOST_TEST(source->refresh_calls == 0);
  auto r = v->verify(auth0_token(new_key, Alg::ES256));
  BOOST_TEST(r.ok());
  BOOST_TEST(source->refresh_calls == 1);
  BOOST_TEST(source->last_kid == "rotated-key");
  // A kid that is in no set: one refresh, then key_not_found.
  const TestKey stranger = generate_test_key(Alg::ES256, "stranger");
  auto r2 = v->verify(auth0_token(stranger, Alg::ES256));
  BOOST_REQUIRE(!r2.ok());
  BOOST_TEST(r2.error().code == ErrorCode::key_not_found);
  BOOST_TEST(r2.error().message.find("\"stranger\"") != std::string::npos);
  BOOST_TEST(source->refresh_calls == 2);
}

BOOST_AUTO_TEST_CASE(unknown_kid_waits_only_as_the_options_allow_and_pending_means_retryable) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const TestKey stranger = generate_test_key(Alg::ES256, "stranger");
  auto source = std::make_shared<CountingSource>(key_set_of({&key}), key_set_of({&key}));
  auto v = Verifier::create(auth0_policy(), source, pinned_options());
  BOOST_REQUIRE(v.ok());
  auto settled = v->verify(auth0_token(stranger, Alg::ES256));
  BOOST_REQUIRE(!settled.ok());
  BOOST_TEST((source->last_max_wait == std::chrono::milliseconds(0)));  // the default never waits
  BOOST_TEST(settled.error().code == ErrorCode::key_not_found);
  BOOST_TEST(!settled.error().retryable);  // nothing pending: the kid is not coming
  BOOST_TEST(settled.error().message.find("pending") == std::string::npos);

  source->report_pending = true;
  VerifierOptions options;
  options.max_key_wait = std::chrono::milliseconds(250);
  auto waiting = Verifier::create(auth0_policy(), source, pinned_options(options));
  BOOST_REQUIRE(waiting.ok());
  auto pending = waiting->verify(auth0_token(stranger, Alg::ES256));
  BOOST_REQUIRE(!pending.ok());
  BOOST_TEST((source->last_max_wait == std::chrono::milliseconds(250)));
  BOOST_TEST(pending.error().code == ErrorCode::key_not_found);
  BOOST_TEST(pending.error().retryable);
  BOOST_TEST(pending.error().message.find("refresh is pending") != std::string::npos, pending.error().message);

  options.max_key_waiters = 0;  // no place to wait: the call does not wait
  auto never = Verifier::create(auth0_policy(), source, pinned_options(options));
  BOOST_REQUIRE(never.ok());
  BOOST_TEST(!never->verify(auth0_token(stranger, Alg::ES256)).ok());
  BOOST_TEST((source->last_max_wait == std::chrono::milliseconds(0)));
}

BOOST_AUTO_TEST_CASE(key_source_failure_is_reported) {
  auto v = Verifier::create(auth0_policy(), std::make_shared<FailingSource>(), pinned_options());
  BOOST_REQUIRE(v.ok());
  const TestKey& key = cached_test_key(Alg::ES256);
  auto r = v->verify(auth0_token(key, Alg::ES256));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::keys_unavailable);
  const Report report = v->check(auth0_token(key, Alg::ES256));
  BOOST_TEST(!report.valid);
  BOOST_TEST(report.errors[0].code == ErrorCode::keys_unavailable);
}

BOOST_AUTO_TEST_CASE(kid_of_a_key_of_another_type_is_key_mismatch) {
  const TestKey& rsa = cached_test_key(Alg::RS256);
  const TestKey& ec = cached_test_key(Alg::ES256);
  const Verifier v = make_verifier(key_set_of({&rsa, &ec}));
  // Signed with the EC key but naming the RSA key's kid.
  const std::string token = signed_token(ec, Alg::ES256, jose_header_json(Alg::ES256, rsa.kid), auth0_claims().str());
  auto r = v.verify(token);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::key_mismatch);
  BOOST_TEST(r.error().message.find("cannot verify ES256") != std::string::npos, r.error().message);
  // An RSA key bound to RS256 by its JWK "alg" does not verify PS256, even by the same key.
  const std::string ps = signed_token(rsa, Alg::PS256, jose_header_json(Alg::PS256, rsa.kid), auth0_claims().str());
  auto r2 = v.verify(ps);
  BOOST_REQUIRE(!r2.ok());
  BOOST_TEST(r2.error().code == ErrorCode::key_mismatch);
  BOOST_TEST(r2.error().message.find("bound to RS256") != std::string::npos, r2.error().message);
}

BOOST_AUTO_TEST_CASE(tokens_without_kid_try_fitting_keys_up_to_the_bound) {
  std::vector<TestKey> keys;
  for (int i = 0; i < 10; ++i) keys.push_back(generate_test_key(Alg::ES256, "k" + std::to_string(i)));
  const TestKey& rsa = cached_test_key(Alg::RS256);
  std::vector<Key> set{verification_key(rsa)};
  for (const auto& k : keys) set.push_back(verification_key(k));
  const Verifier v = make_verifier(KeySet(set));
  auto token_by = [&](const TestKey& k) { return signed_token(k, Alg::ES256, jose_header_json(Alg::ES256, ""), auth0_claims().str()); };
  // The RSA key does not count: it cannot verify ES256. The 8th EC key is still tried…
  auto r7 = v.verify(token_by(keys[7]));
  BOOST_TEST(r7.ok());
  BOOST_TEST((r7.ok() && r7->kid().empty()));  // the token named no kid
  // …the 9th is not (at most 8 are tried).
  auto r8 = v.verify(token_by(keys[8]));
  BOOST_REQUIRE(!r8.ok());
  BOOST_TEST(r8.error().code == ErrorCode::bad_signature);
  BOOST_TEST(r8.error().message.find("at most 8") != std::string::npos, r8.error().message);
  // No key can verify the alg at all.
  const TestKey& ed = cached_test_key(Alg::EdDSA);
  auto r9 = v.verify(signed_token(ed, Alg::EdDSA, jose_header_json(Alg::EdDSA, ""), auth0_claims().str()));
  BOOST_REQUIRE(!r9.ok());
  BOOST_TEST(r9.error().code == ErrorCode::key_not_found);
}

BOOST_AUTO_TEST_CASE(refused_algorithms_and_crit) {
  const TestKey& key = cached_test_key(Alg::ES256);
  Policy p = auth0_policy();
  p.algorithms = {Alg::RS256};
  const Verifier rs_only = make_verifier(key_set_of({&key, &cached_test_key(Alg::RS256)}), p);
  auto r = rs_only.verify(auth0_token(key, Alg::ES256));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::alg_not_allowed);
  BOOST_TEST(r.error().message == R"(alg: "ES256" is not allowed (allowed: RS256))");

  const Verifier v = make_verifier(key_set_of({&key}));
  for (const char* header : {R"({"alg":"ES256","kid":"KID","b64":false,"crit":["b64"]})",
                             R"({"alg":"ES256","kid":"KID","exp":1,"crit":["exp"]})",
                             R"({"alg":"ES256","kid":"KID","http://example.com/ext":true,"crit":["http://example.com/ext"]})"}) {
    std::string h = header;
    h.replace(h.find("KID"), 3, key.kid);
    auto c = v.verify(signed_token(key, Alg::ES256, h, auth0_claims().str()));
    BOOST_REQUIRE(!c.ok());
    BOOST_TEST(c.error().code == ErrorCode::unknown_crit);
    BOOST_TEST(c.error().message.find("is not supported") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(four_threads_share_one_verifier) {
  const TestKey& es = cached_test_key(Alg::ES256);
  const TestKey& hs = cached_test_key(Alg::HS256);
  const TestKey& rs = cached_test_key(Alg::RS256);
  const Verifier v = make_verifier(key_set_of({&es, &hs, &rs}));
  const std::string good_es = auth0_token(es, Alg::ES256);
  const std::string good_hs = auth0_token(hs, Alg::HS256);
  const std::string good_rs = auth0_token(rs, Alg::RS256);
  const std::string expired = auth0_token(es, Alg::ES256, auth0_claims().set_number("exp", kNow - 1000));
  std::string forged = good_rs;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  std::atomic<int> wrong{0}, done{0};
  auto worker = [&](int id) {
    for (int i = 0; i < 300; ++i) {
      switch ((i + id) % 5) {
        case 0: if (!v.verify(good_es).ok()) ++wrong; break;
        case 1: if (!v.verify(good_hs).ok()) ++wrong; break;
        case 2: if (auto r = v.verify(good_rs); !r.ok() || r->client_id() != kClientId) ++wrong; break;
        case 3: if (auto r = v.verify(expired); r.ok() || r.error().code != ErrorCode::expired) ++wrong; break;
        case 4: if (auto r = v.verify(forged); r.ok() || r.error().code != ErrorCode::bad_signature) ++wrong; break;
      }
      ++done;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(worker, t);
  for (auto& t : threads) t.join();
  BOOST_TEST(done == 1200);
  BOOST_TEST(wrong == 0);
}

BOOST_AUTO_TEST_CASE(tokens_handed_between_threads_stay_whole) {
  // Each thread verifies tokens and hands them to the other, which reads and drops them: a
  // token's block is released on a thread other than the one that made it. ThreadSanitizer runs
  // this too (.ci/sanitizers).
  const TestKey& key = cached_test_key(Alg::HS256);
  const Verifier v = make_verifier(key_set_of({&key}));
  const std::string tokens[2] = {auth0_token(key, Alg::HS256, auth0_claims().set_string("scope", "read:a")),
                                 auth0_token(key, Alg::HS256, auth0_claims().set_string("scope", "write:b"))};
  struct Mailbox {
    std::mutex mutex;
    std::deque<VerifiedToken> tokens;
  };
  Mailbox boxes[2];
  std::atomic<int> wrong{0}, read{0};
  constexpr int kPerThread = 400;
  auto worker = [&](int self) {
    int received = 0;
    for (int i = 0; i < kPerThread || received < kPerThread;) {
      if (i < kPerThread) {
        auto verified = v.verify(tokens[self]);
        if (!verified.ok()) ++wrong;
        else {
          const std::lock_guard lock(boxes[1 - self].mutex);
          boxes[1 - self].tokens.push_back(std::move(*verified));
        }
        ++i;
      }
      std::deque<VerifiedToken> mine;
      {
        const std::lock_guard lock(boxes[self].mutex);
        mine.swap(boxes[self].tokens);
      }
      for (const VerifiedToken& token : mine) {
        const std::string_view expected = self == 0 ? "write:b" : "read:a";  // the other thread's token
        if (token.scopes().size() != 1 || token.scopes()[0].name != expected || token.client_id() != kClientId)
          ++wrong;
        ++read;
      }
      received += static_cast<int>(mine.size());
      if (i >= kPerThread && mine.empty()) std::this_thread::yield();
      if (wrong > 0) break;
    }
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  BOOST_TEST(wrong == 0);
  BOOST_TEST(read == 2 * kPerThread);
}

BOOST_AUTO_TEST_SUITE_END()
