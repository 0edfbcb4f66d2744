// IssuerSet (lib/issuers/): the token's iss picks the issuer before any key lookup; keys are
// scoped per issuer (a shared kid never crosses); an unknown issuer fetches nothing; a custom
// domain and the canonical one share one key source; bad entries are refused by name.
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/remote_key_source.hpp>
#include <jwtcheck/issuers.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "support/error_printing.hpp"

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace fetch_test;
using jwtcheck::Alg;
using jwtcheck::ErrorCode;
using jwtcheck::IssuerEntry;
using jwtcheck::IssuerSet;
using jwtcheck::KeySet;
using jwtcheck::Policy;
using jwtcheck::RemoteKeySource;
using jwtcheck::StaticKeySource;
using jwtcheck::testing::Auth0Claims;
using jwtcheck::testing::SigningKey;

namespace {

const std::string issuer_a = "https://tenant-a.example.test/";
const std::string issuer_b = "https://tenant-b.example.test/";
const std::string audience = "https://api.example.test";

SigningKey key_with_kid(const std::string& kid) {
  auto key = SigningKey::generate(Alg::RS256, kid);
  BOOST_TEST_REQUIRE(key.ok());
  return *key;
}

std::shared_ptr<jwtcheck::KeySource> keys_of(const SigningKey& key) {
  auto public_key = key.verification_key();
  BOOST_TEST_REQUIRE(public_key.ok());
  return std::make_shared<StaticKeySource>(KeySet({*public_key}));
}

Policy policy_for(const std::string& issuer) {
  Policy policy;
  policy.issuer = issuer;
  policy.audiences = {audience};
  return policy;
}

IssuerEntry entry(const std::string& issuer, std::shared_ptr<jwtcheck::KeySource> keys) {
  IssuerEntry e;
  e.policy = policy_for(issuer);
  e.keys = std::move(keys);
  return e;
}

std::string token(const SigningKey& key, const std::string& issuer) {
  Auth0Claims claims;
  claims.issuer = issuer;
  claims.client_id = "client-1";
  claims.audiences = {audience};
  auto minted = jwtcheck::testing::mint_token(key, claims.to_json());
  BOOST_TEST_REQUIRE(minted.ok());
  return *minted;
}

jwtcheck::RemoteKeySourceOptions source_options(const jwtcheck::testing::LocalTenant& tenant) {
  jwtcheck::RemoteKeySourceOptions options;
  options.http = http_for(tenant);
  return options;
}

IssuerSet make_set(std::vector<IssuerEntry> entries) {
  auto set = IssuerSet::create(std::move(entries));
  BOOST_TEST_REQUIRE(set.ok(), (set.ok() ? "" : set.error().message));
  return std::move(*set);
}

std::uint64_t refused(const std::vector<std::pair<ErrorCode, std::uint64_t>>& counts, ErrorCode code) {
  for (const auto& [c, n] : counts)
    if (c == code) return n;
  return 0;
}

// Claims as Auth0Claims writes them for `issuer_a`, with their leading "iss" member replaced by
// `members` (raw JSON text, e.g. two "iss" members or an escaped name).
std::string claims_with(const std::string& members) {
  Auth0Claims claims;
  claims.issuer = issuer_a;
  claims.client_id = "client-1";
  claims.audiences = {audience};
  std::string json = claims.to_json();
  const std::string first = "{\"iss\":\"" + issuer_a + "\",";
  BOOST_TEST_REQUIRE(json.rfind(first, 0) == 0u, json);
  return "{" + members + "," + json.substr(first.size());
}

std::string raw_token(const SigningKey& key, const std::string& claims_json) {
  auto minted = jwtcheck::testing::mint_token(key, claims_json);
  BOOST_TEST_REQUIRE(minted.ok());
  return *minted;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(issuer_set)

// The iss that picks the issuer is the iss that issuer's Verifier then checks: however the
// claims are written, a token is only ever accepted by the issuer whose key signed it and whose
// name the verified claims carry.
BOOST_AUTO_TEST_CASE(dispatch_and_the_issuer_check_read_the_same_iss) {
  const SigningKey a = key_with_kid("kid-a");
  const SigningKey b = key_with_kid("kid-b");
  const IssuerSet set = make_set({entry(issuer_a, keys_of(a)), entry(issuer_b, keys_of(b))});
  const std::string iss_a = "\"iss\":\"" + issuer_a + "\"", iss_b = "\"iss\":\"" + issuer_b + "\"";

  // Two "iss" members, in either order, signed by either key: refused (duplicate member).
  for (const std::string& twice : {iss_a + "," + iss_b, iss_b + "," + iss_a})
    for (const SigningKey* key : {&a, &b}) {
      auto r = set.verify(raw_token(*key, claims_with(twice)));
      BOOST_TEST(!r.ok(), twice);
      auto report = set.check(raw_token(*key, claims_with(twice)));
      BOOST_TEST(!report.valid, twice);
    }

  // An escaped member name and escaped slashes in the value name B: B's key passes, A's does not.
  const std::string escaped = "\"\\u0069ss\":\"" + std::string("https:\\/\\/tenant-b.example.test\\/") + "\"";
  auto by_b = set.verify(raw_token(b, claims_with(escaped)));
  BOOST_TEST_REQUIRE(by_b.ok(), (by_b.ok() ? "" : by_b.error().message));
  BOOST_TEST(by_b->issuer() == issuer_b);
  BOOST_TEST(!set.verify(raw_token(a, claims_with(escaped))).ok());

  // "iss" after more than 256 characters of other claims: found all the same.
  const std::string padding = "\"pad\":\"" + std::string(400, 'x') + "\"," + iss_b;
  auto late = set.verify(raw_token(b, claims_with(padding)));
  BOOST_TEST_REQUIRE(late.ok(), (late.ok() ? "" : late.error().message));
  BOOST_TEST(late->issuer() == issuer_b);
  BOOST_TEST(!set.verify(raw_token(a, claims_with(padding))).ok());

  // An issuer longer than any configured one (it spans the first part read): unknown, not malformed.
  const std::string long_iss = "\"iss\":\"" + issuer_b + std::string(300, 'y') + "\"";
  auto unknown = set.verify(raw_token(b, claims_with(long_iss)));
  BOOST_TEST_REQUIRE(!unknown.ok());
  BOOST_TEST(unknown.error().code == ErrorCode::unknown_issuer);
  // A name that only starts like a configured one.
  auto prefix = set.verify(raw_token(a, claims_with("\"iss\":\"" + issuer_a.substr(0, 10) + "\"")));
  BOOST_TEST_REQUIRE(!prefix.ok());
  BOOST_TEST(prefix.error().code == ErrorCode::unknown_issuer);
}

BOOST_AUTO_TEST_CASE(a_kid_shared_by_two_issuers_never_verifies_one_issuers_token_with_the_others_key) {
  const SigningKey a = key_with_kid("shared-kid");
  const SigningKey b = key_with_kid("shared-kid");
  const IssuerSet set = make_set({entry(issuer_a, keys_of(a)), entry(issuer_b, keys_of(b))});

  auto good_a = set.verify(token(a, issuer_a));
  BOOST_TEST_REQUIRE(good_a.ok(), (good_a.ok() ? "" : good_a.error().message));
  BOOST_TEST(good_a->issuer() == issuer_a);
  auto good_b = set.verify(token(b, issuer_b));
  BOOST_TEST_REQUIRE(good_b.ok(), (good_b.ok() ? "" : good_b.error().message));
  BOOST_TEST(good_b->issuer() == issuer_b);

  // B's key, B's kid, A's name: checked with A's key only.
  auto forged_a = set.verify(token(b, issuer_a));
  BOOST_TEST_REQUIRE(!forged_a.ok());
  BOOST_TEST(forged_a.error().code == ErrorCode::bad_signature);
  auto forged_b = set.verify(token(a, issuer_b));
  BOOST_TEST_REQUIRE(!forged_b.ok());
  BOOST_TEST(forged_b.error().code == ErrorCode::bad_signature);

  const auto snapshot = set.snapshot();
  BOOST_TEST_REQUIRE(snapshot.issuers.size() == 2u);
  BOOST_TEST(snapshot.issuers[0].accepted == 1u);
  BOOST_TEST(refused(snapshot.issuers[0].refused, ErrorCode::bad_signature) == 1u);
  BOOST_TEST(snapshot.issuers[1].accepted == 1u);
  BOOST_TEST(refused(snapshot.issuers[1].refused, ErrorCode::bad_signature) == 1u);
}

BOOST_AUTO_TEST_CASE(the_issuer_is_matched_exactly) {
  const SigningKey a = key_with_kid("a");
  const IssuerSet set = make_set({entry(issuer_a, keys_of(a))});
  for (const std::string& near : {std::string("https://tenant-a.example.test"), std::string("https://TENANT-A.example.test/"),
                                  issuer_a + " ", issuer_a + "/"}) {
    auto result = set.verify(token(a, near));
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST(result.error().code == ErrorCode::unknown_issuer);
  }
  BOOST_TEST(set.verifier_for(issuer_a) != nullptr);
  BOOST_TEST(set.verifier_for("https://tenant-a.example.test") == nullptr);
}

BOOST_AUTO_TEST_CASE(an_unknown_issuer_is_refused_without_any_fetch) {
  auto tenant = start_tenant();
  auto source = RemoteKeySource::from_jwks_url(tenant->jwks_url(), source_options(*tenant));
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE((*source)->wait_for_keys(10s).ok());
  const IssuerSet set = make_set({entry(tenant->issuer(), *source)});
  tenant->reset_counts();

  // Another tenant's key, an unknown kid, an issuer nobody configured: refused before any lookup.
  const SigningKey stranger = key_with_kid("never-published");
  for (int i = 0; i < 20; ++i) {
    auto result = set.verify(token(stranger, "https://evil.example.test/"));
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST(result.error().code == ErrorCode::unknown_issuer);
    BOOST_TEST(result.error().message.find("evil.example.test") != std::string::npos);
  }
  BOOST_TEST_REQUIRE((*source)->wait_until_idle(10s));
  BOOST_TEST(tenant->counts().jwks == 0);
  BOOST_TEST(tenant->counts().discovery == 0);

  const auto snapshot = set.snapshot();
  BOOST_TEST(refused(snapshot.refused_without_issuer, ErrorCode::unknown_issuer) == 20u);
  BOOST_TEST(snapshot.issuers[0].key_lookups_missed == 0u);
  BOOST_TEST(snapshot.issuers[0].refused.empty());
}

BOOST_AUTO_TEST_CASE(a_custom_domain_and_the_canonical_domain_share_one_key_source) {
  auto tenant = start_tenant();
  auto source = RemoteKeySource::from_jwks_url(tenant->jwks_url(), source_options(*tenant));
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE((*source)->wait_for_keys(10s).ok());
  const std::string custom = "https://login.example.test/";
  const IssuerSet set = make_set({entry(tenant->issuer(), *source), entry(custom, *source)});

  for (const std::string& issuer : {tenant->issuer(), custom}) {
    Auth0Claims claims;
    claims.issuer = issuer;
    claims.client_id = "client-1";
    claims.audiences = {audience};
    auto minted = tenant->mint(claims);
    BOOST_TEST_REQUIRE(minted.ok());
    auto result = set.verify(*minted);
    BOOST_TEST_REQUIRE(result.ok(), (result.ok() ? "" : result.error().message));
    BOOST_TEST(result->issuer() == issuer);
  }
  BOOST_TEST_REQUIRE((*source)->wait_until_idle(10s));
  BOOST_TEST(tenant->counts().jwks == 1);  // one key set for both issuers
  const auto snapshot = set.snapshot();
  BOOST_TEST(snapshot.issuers[0].accepted == 1u);
  BOOST_TEST(snapshot.issuers[1].accepted == 1u);
  BOOST_TEST(snapshot.issuers[0].key_lookups_served >= 1u);
  BOOST_TEST(snapshot.issuers[1].key_lookups_served >= 1u);
}

BOOST_AUTO_TEST_CASE(each_issuer_applies_its_own_policy) {
  const SigningKey a = key_with_kid("a");
  IssuerEntry strict = entry(issuer_a, keys_of(a));
  strict.policy.required_scopes = {"admin"};
  const IssuerSet set = make_set({std::move(strict), entry(issuer_b, keys_of(a))});
  auto refused_a = set.verify(token(a, issuer_a));
  BOOST_TEST_REQUIRE(!refused_a.ok());
  BOOST_TEST(refused_a.error().code == ErrorCode::missing_scope);
  BOOST_TEST(set.verify(token(a, issuer_b)).ok());
}

BOOST_AUTO_TEST_CASE(a_single_key_issuer_and_a_jwks_file_issuer) {
  const SigningKey a = key_with_kid("a");
  const SigningKey b = key_with_kid("b");
  auto key = a.verification_key();
  BOOST_TEST_REQUIRE(key.ok());
  IssuerEntry single;
  single.policy = policy_for(issuer_a);
  single.single_key = jwtcheck::SingleKey{*key, Alg::RS256};

  const std::string path = (std::filesystem::temp_directory_path() / ("issuers-test-" + std::to_string(::getpid()) + ".json")).string();
  {
    std::ofstream out(path);
    out << jwtcheck::testing::jwks_json(std::span<const SigningKey>(&b, 1));
  }
  auto file_keys = jwtcheck::load_jwks_file(path);
  std::filesystem::remove(path);
  BOOST_TEST_REQUIRE(file_keys.ok(), (file_keys.ok() ? "" : file_keys.error().message));

  const IssuerSet set = make_set({std::move(single), entry(issuer_b, *file_keys)});
  BOOST_TEST(set.verify(token(a, issuer_a)).ok());
  BOOST_TEST(set.verify(token(b, issuer_b)).ok());
  BOOST_TEST(set.verify(token(b, issuer_a)).error().code == ErrorCode::bad_signature);
  const auto snapshot = set.snapshot();
  BOOST_TEST(snapshot.issuers[0].key_count == 1u);
  BOOST_TEST(snapshot.issuers[1].key_count == 1u);
  BOOST_TEST((snapshot.issuers[0].health == jwtcheck::IssuerHealth::ready));

  auto missing = jwtcheck::load_jwks_file("/nonexistent/jwks.json");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().code == ErrorCode::io_error);
  BOOST_TEST(missing.error().message.find("/nonexistent/jwks.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tokens_without_a_usable_iss_get_typed_errors) {
  const SigningKey a = key_with_kid("a");
  const IssuerSet set = make_set({entry(issuer_a, keys_of(a))});
  struct Case {
    std::string token;
    ErrorCode code;
  };
  auto minted = [&](std::string_view claims) {
    auto t = jwtcheck::testing::mint_token(a, claims);
    BOOST_TEST_REQUIRE(t.ok());
    return *t;
  };
  const std::vector<Case> cases = {
      {minted(R"({"sub":"x@clients","aud":"https://api.example.test"})"), ErrorCode::missing_claim},
      {minted(R"({"iss":7,"sub":"x@clients"})"), ErrorCode::invalid_claim},
      {minted(R"({"iss":["https://tenant-a.example.test/"]})"), ErrorCode::invalid_claim},
      {minted(R"({"nested":{"iss":"https://tenant-a.example.test/"}})"), ErrorCode::missing_claim},
      {minted(R"(["iss"])"), ErrorCode::invalid_json},
      {minted(R"({"iss":)"), ErrorCode::invalid_json},
      {"not-a-token", ErrorCode::malformed_token},
      {"a.b", ErrorCode::malformed_token},
      {"", ErrorCode::malformed_token},
      {std::string(100000, 'a'), ErrorCode::token_too_large},
  };
  for (const Case& c : cases) {
    auto result = set.verify(c.token);
    BOOST_TEST_REQUIRE(!result.ok());
    BOOST_TEST(result.error().code == c.code, c.token.substr(0, 60));
    const auto report = set.check(c.token);
    BOOST_TEST(!report.valid);
    BOOST_TEST_REQUIRE(report.errors.size() == 1u);
    BOOST_TEST(report.errors[0].code == c.code);
  }
}

BOOST_AUTO_TEST_CASE(check_reports_with_the_chosen_issuers_verifier) {
  const SigningKey a = key_with_kid("a");
  const SigningKey b = key_with_kid("b");
  const IssuerSet set = make_set({entry(issuer_a, keys_of(a)), entry(issuer_b, keys_of(b))});
  const auto report = set.check(token(b, issuer_b));
  BOOST_TEST(report.valid);
  BOOST_TEST(report.kid == "b");
  const auto unknown = set.check(token(b, "https://nobody/"));
  BOOST_TEST(!unknown.valid);
  BOOST_TEST(unknown.errors.at(0).code == ErrorCode::unknown_issuer);
  BOOST_TEST(unknown.kid == "b");  // the decoded parts are still shown
  BOOST_TEST((set.issuers() == std::vector<std::string>{issuer_a, issuer_b}));
}

BOOST_AUTO_TEST_CASE(bad_entries_are_refused_naming_the_entry) {
  const SigningKey a = key_with_kid("a");
  auto empty = IssuerSet::create({});
  BOOST_TEST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error().code == ErrorCode::invalid_policy);

  auto duplicate = IssuerSet::create({entry(issuer_a, keys_of(a)), entry(issuer_a, keys_of(a))});
  BOOST_TEST_REQUIRE(!duplicate.ok());
  BOOST_TEST(duplicate.error().code == ErrorCode::invalid_policy);
  BOOST_TEST(duplicate.error().message.find("entry 2") != std::string::npos);
  BOOST_TEST(duplicate.error().message.find(issuer_a) != std::string::npos);

  auto no_keys = IssuerSet::create({entry(issuer_a, nullptr)});
  BOOST_TEST_REQUIRE(!no_keys.ok());
  BOOST_TEST(no_keys.error().message.find("neither") != std::string::npos);

  IssuerEntry both = entry(issuer_a, keys_of(a));
  both.single_key = jwtcheck::SingleKey{*a.verification_key(), Alg::RS256};
  auto two = IssuerSet::create({std::move(both)});
  BOOST_TEST_REQUIRE(!two.ok());
  BOOST_TEST(two.error().message.find("both") != std::string::npos);

  auto blank = IssuerSet::create({entry("", keys_of(a))});
  BOOST_TEST_REQUIRE(!blank.ok());
  BOOST_TEST(blank.error().message.find("entry 1") != std::string::npos);

  IssuerEntry no_audience = entry(issuer_b, keys_of(a));
  no_audience.policy.audiences.clear();
  auto bad_policy = IssuerSet::create({entry(issuer_a, keys_of(a)), std::move(no_audience)});
  BOOST_TEST_REQUIRE(!bad_policy.ok());
  BOOST_TEST(bad_policy.error().code == ErrorCode::invalid_policy);
  BOOST_TEST(bad_policy.error().message.find(issuer_b) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
