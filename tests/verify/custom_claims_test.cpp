// Custom claims through the public API: VerifiedToken's typed getters (by name and by JSON
// pointer, escapes included) and Policy::required_claims in verify() and check().
#include <jwtcheck/claims.hpp>
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

const TestKey& key() { return cached_test_key(Alg::ES256); }

constexpr std::string_view kRoles = "https://example.com/roles";

ClaimsJson sample_claims() {
  return auth0_claims()
      .set_string("org_id", "org_42")
      .set(std::string(kRoles), R"(["admin","billing"])")
      .set("tenant_flag", "true")
      .set("count", "7")
      .set("ratio", "0.25")
      .set("nested", R"({"a":{"b":[10,"x",null]},"a/b":1,"m~n":2})")
      .set("nothing", "null");
}

VerifiedToken verified(const ClaimsJson& claims, Policy policy = auth0_policy()) {
  const Verifier v = make_verifier(key_set_of({&key()}), std::move(policy));
  auto r = v.verify(auth0_token(key(), Alg::ES256, claims));
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return *r;
}

Result<VerifiedToken> verify_with(std::vector<ClaimRequirement> requirements, const ClaimsJson& claims = sample_claims()) {
  Policy p = auth0_policy();
  p.required_claims = std::move(requirements);
  const Verifier v = make_verifier(key_set_of({&key()}), std::move(p));
  return v.verify(auth0_token(key(), Alg::ES256, claims));
}

template <class T>
ErrorCode code_of(const Result<T>& r) {
  BOOST_REQUIRE(!r.ok());
  return r.error().code;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(custom_claims)

BOOST_AUTO_TEST_CASE(typed_getters_by_name) {
  const VerifiedToken t = verified(sample_claims());
  BOOST_TEST(*t.claim_string("org_id") == "org_42");
  BOOST_TEST(*t.claim_bool("tenant_flag") == true);
  BOOST_TEST(*t.claim_int("count") == 7);
  BOOST_TEST(*t.claim_number("ratio") == 0.25);
  BOOST_TEST(*t.claim_number("count") == 7.0);
  const auto roles = t.claim_strings(kRoles);  // a namespaced name, '/' included, by name
  BOOST_REQUIRE(roles.ok());
  BOOST_TEST((*roles == std::vector<std::string_view>{"admin", "billing"}));
  BOOST_TEST(*t.claim_json("nested") == R"({"a":{"b":[10,"x",null]},"a/b":1,"m~n":2})");
  BOOST_TEST(*t.claim_json("nothing") == "null");
  BOOST_TEST(*t.claim_kind("org_id") == ClaimKind::string);
  BOOST_TEST(*t.claim_kind("nested") == ClaimKind::object);
  BOOST_TEST(*t.claim_kind(kRoles) == ClaimKind::array);
  BOOST_TEST(*t.claim_kind("count") == ClaimKind::number);
  BOOST_TEST(*t.claim_kind("nothing") == ClaimKind::null);
  BOOST_TEST(*t.claim_kind("tenant_flag") == ClaimKind::boolean);
  BOOST_TEST(*t.claim_kind("absent") == ClaimKind::missing);
  // Registered claims are readable the same way.
  BOOST_TEST(*t.claim_string("iss") == kIssuer);
}

BOOST_AUTO_TEST_CASE(missing_and_wrong_type_are_told_apart) {
  const VerifiedToken t = verified(sample_claims());
  BOOST_TEST(code_of(t.claim_string("absent")) == ErrorCode::missing_claim);
  BOOST_TEST(code_of(t.claim_string("count")) == ErrorCode::invalid_claim);
  BOOST_TEST(code_of(t.claim_int("org_id")) == ErrorCode::invalid_claim);
  BOOST_TEST(code_of(t.claim_int("ratio")) == ErrorCode::invalid_claim);  // not an integer
  BOOST_TEST(code_of(t.claim_bool("nothing")) == ErrorCode::invalid_claim);
  BOOST_TEST(code_of(t.claim_strings("nested")) == ErrorCode::invalid_claim);
  BOOST_TEST(code_of(t.claim_strings(ClaimPath::pointer("/nested/a/b"))) == ErrorCode::invalid_claim);  // mixed array
  BOOST_TEST(code_of(t.claim_json("absent")) == ErrorCode::missing_claim);
  BOOST_TEST(t.claim_string("count").error().message.find("count") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_pointers) {
  const VerifiedToken t = verified(sample_claims());
  BOOST_TEST(*t.claim_string(ClaimPath::pointer("/https:~1~1example.com~1roles/0")) == "admin");
  BOOST_TEST(*t.claim_string(ClaimPath::pointer("/https:~1~1example.com~1roles/1")) == "billing");
  BOOST_TEST(code_of(t.claim_string(ClaimPath::pointer("/https:~1~1example.com~1roles/2"))) == ErrorCode::missing_claim);
  BOOST_TEST(code_of(t.claim_string(ClaimPath::pointer("/https:~1~1example.com~1roles/01"))) == ErrorCode::missing_claim);
  BOOST_TEST(code_of(t.claim_string(ClaimPath::pointer("/https:~1~1example.com~1roles/-"))) == ErrorCode::missing_claim);
  BOOST_TEST(*t.claim_int(ClaimPath::pointer("/nested/a/b/0")) == 10);
  BOOST_TEST(*t.claim_string(ClaimPath::pointer("/nested/a/b/1")) == "x");
  BOOST_TEST(*t.claim_kind(ClaimPath::pointer("/nested/a/b/2")) == ClaimKind::null);
  BOOST_TEST(*t.claim_int(ClaimPath::pointer("/nested/a~1b")) == 1);
  BOOST_TEST(*t.claim_int(ClaimPath::pointer("/nested/m~0n")) == 2);
  BOOST_TEST(*t.claim_kind(ClaimPath::pointer("/org_id/0")) == ClaimKind::missing);  // into a scalar
  BOOST_TEST(*t.claim_kind(ClaimPath::pointer("")) == ClaimKind::object);          // the whole claims
  // By name, '/' is just a byte: "/nested" is no claim.
  BOOST_TEST(*t.claim_kind("/nested") == ClaimKind::missing);
}

BOOST_AUTO_TEST_CASE(malformed_pointers_are_typed_errors) {
  const VerifiedToken t = verified(sample_claims());
  for (const std::string_view bad : {"nested", "/a~", "/a~2", "/~x"})
    BOOST_TEST(code_of(t.claim_kind(ClaimPath::pointer(bad))) == ErrorCode::invalid_claim_pointer, bad);
  std::string deep;
  for (std::size_t i = 0; i <= kMaxClaimPointerDepth; ++i) deep += "/a";
  BOOST_TEST(code_of(t.claim_json(ClaimPath::pointer(deep))) == ErrorCode::invalid_claim_pointer);
  deep.resize(2 * kMaxClaimPointerDepth);  // exactly at the limit: fine, just absent
  BOOST_TEST(*t.claim_kind(ClaimPath::pointer(deep)) == ClaimKind::missing);
  const std::string long_pointer = "/" + std::string(kMaxClaimPointerBytes, 'a');
  BOOST_TEST(code_of(t.claim_json(ClaimPath::pointer(long_pointer))) == ErrorCode::invalid_claim_pointer);
}

BOOST_AUTO_TEST_CASE(escaped_strings_are_unescaped_into_the_tokens_storage) {
  const ClaimsJson claims = sample_claims()
                                .set("esc", R"("a\"b\\c\u00e9\ud83d\ude00\n")")
                                .set(R"(na\u006de)", R"("by escaped name")")
                                .set("list", R"(["x\/y","\u0041"])");
  std::string_view esc;
  {
    const VerifiedToken t = verified(claims);
    const VerifiedToken copy = t;
    esc = *copy.claim_string("esc");
    BOOST_TEST(esc == "a\"b\\c\xc3\xa9\xf0\x9f\x98\x80\n");
    BOOST_TEST(*t.claim_string("name") == "by escaped name");
    BOOST_TEST((*t.claim_strings("list") == std::vector<std::string_view>{"x/y", "A"}));
    BOOST_TEST(*t.claim_string(ClaimPath::pointer("/list/1")) == "A");
    BOOST_TEST(*t.claim_json("esc") == R"("a\"b\\c\u00e9\ud83d\ude00\n")");
    // The view points into the token's own block, not into anything of this scope.
    const std::string_view whole = t.claims_json();
    BOOST_TEST(!(esc.data() >= whole.data() && esc.data() < whole.data() + whole.size()));  // the parsed copy
    BOOST_TEST(*t.claim_string("org_id") == "org_42");
  }
}

BOOST_AUTO_TEST_CASE(required_claims_pass_and_fail) {
  using R = ClaimRequirement;
  BOOST_TEST(verify_with({R::present("org_id"), R::present("nothing")}).ok());
  BOOST_TEST(code_of(verify_with({R::present("absent")})) == ErrorCode::missing_claim);
  BOOST_TEST(verify_with({R::equals_string("org_id", "org_42")}).ok());
  BOOST_TEST(code_of(verify_with({R::equals_string("org_id", "org_43")})) == ErrorCode::claim_mismatch);
  BOOST_TEST(code_of(verify_with({R::equals("org_id", "42")})) == ErrorCode::claim_mismatch);
  // Numbers numerically; JSON values structurally.
  BOOST_TEST(verify_with({R::equals("count", "7.0")}).ok());
  BOOST_TEST(verify_with({R::equals("count", "7e0")}).ok());
  BOOST_TEST(code_of(verify_with({R::equals("count", "\"7\"")})) == ErrorCode::claim_mismatch);
  BOOST_TEST(verify_with({R::equals("tenant_flag", "true")}).ok());
  BOOST_TEST(code_of(verify_with({R::equals("tenant_flag", "false")})) == ErrorCode::claim_mismatch);
  BOOST_TEST(verify_with({R::equals("nothing", "null")}).ok());
  BOOST_TEST(verify_with({R::equals(kRoles, R"(["admin","billing"])")}).ok());
  BOOST_TEST(code_of(verify_with({R::equals(kRoles, R"(["billing","admin"])")})) == ErrorCode::claim_mismatch);
  BOOST_TEST(verify_with({R::equals("nested", R"({"m~n":2,"a/b":1.0,"a":{"b":[10,"x",null]}})")}).ok());
  // one of
  BOOST_TEST(verify_with({R::one_of("org_id", {"\"org_1\"", "\"org_42\""})}).ok());
  BOOST_TEST(verify_with({R::one_of("count", {"1", "7"})}).ok());
  BOOST_TEST(code_of(verify_with({R::one_of("org_id", {"\"org_1\"", "\"org_2\""})})) == ErrorCode::claim_mismatch);
  // contains: arrays, and words of a space-separated string
  BOOST_TEST(verify_with({R::contains_string(kRoles, "billing")}).ok());
  BOOST_TEST(code_of(verify_with({R::contains_string(kRoles, "bill")})) == ErrorCode::claim_mismatch);
  BOOST_TEST(verify_with({R::contains(ClaimPath::pointer("/nested/a/b"), "10.0")}).ok());
  BOOST_TEST(verify_with({R::contains_string("scope", "write:reports")}).ok());
  BOOST_TEST(code_of(verify_with({R::contains_string("scope", "write")})) == ErrorCode::claim_mismatch);
  BOOST_TEST(code_of(verify_with({R::contains_string("count", "7")})) == ErrorCode::claim_mismatch);
  // pointers
  BOOST_TEST(verify_with({R::equals_string(ClaimPath::pointer("/https:~1~1example.com~1roles/0"), "admin")}).ok());
  BOOST_TEST(code_of(verify_with({R::present(ClaimPath::pointer("/nested/a/c"))})) == ErrorCode::missing_claim);
  // escaped strings compare unescaped
  BOOST_TEST(verify_with({R::equals_string("esc", "a\"b")}, sample_claims().set("esc", R"("a\u0022b")")).ok());
  // every requirement must hold: the second one fails
  BOOST_TEST(code_of(verify_with({R::present("org_id"), R::equals("count", "8")})) == ErrorCode::claim_mismatch);
}

BOOST_AUTO_TEST_CASE(a_failed_requirement_says_name_expected_and_found) {
  auto r = verify_with({ClaimRequirement::equals_string("org_id", "org_43")});
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message == R"("org_id": expected "org_43", found "org_42")");
  auto missing = verify_with({ClaimRequirement::one_of("tier", {"\"gold\"", "1"})});
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message == R"("tier": missing, expected one of ["gold", 1])");
}

BOOST_AUTO_TEST_CASE(requirements_appear_as_checks_in_the_report) {
  Policy p = auth0_policy();
  p.required_claims = {ClaimRequirement::equals_string("org_id", "org_42"),
                       ClaimRequirement::contains_string(kRoles, "root")};
  const Verifier v = make_verifier(key_set_of({&key()}), std::move(p));
  const Report report = v.check(auth0_token(key(), Alg::ES256, sample_claims()));
  BOOST_TEST(!report.valid);
  auto find = [&](std::string_view name) {
    return std::find_if(report.checks.begin(), report.checks.end(), [&](const Check& c) { return c.name == name; });
  };
  const auto org = find("org_id");
  BOOST_REQUIRE(org != report.checks.end());
  BOOST_TEST(org->passed);
  BOOST_TEST(org->expected == "\"org_42\"");
  const auto roles = find(kRoles);
  BOOST_REQUIRE(roles != report.checks.end());
  BOOST_TEST(!roles->passed);
  BOOST_TEST(roles->actual == R"(["admin","billing"])");
  BOOST_REQUIRE(report.errors.size() == 1u);
  BOOST_TEST(report.errors[0].code == ErrorCode::claim_mismatch);
}

BOOST_AUTO_TEST_CASE(bad_requirements_are_refused_at_create) {
  using R = ClaimRequirement;
  auto create = [](std::vector<ClaimRequirement> requirements) {
    Policy p = auth0_policy();
    p.required_claims = std::move(requirements);
    return Verifier::create(std::move(p), key_set_of({&key()}), pinned_options());
  };
  BOOST_TEST(create({R::present("org_id")}).ok());
  BOOST_TEST(code_of(create({R::present("")})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R::present(ClaimPath::pointer("no-slash"))})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R::present(ClaimPath::pointer("/a~2"))})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R::present(ClaimPath::pointer(""))})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R::equals("org_id", "not json")})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R::equals("org_id", "1 2")})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R::one_of("org_id", {})})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R{"org_id", false, R::Test::equals, {}}})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create({R{"org_id", false, R::Test::present, {"1"}}})) == ErrorCode::invalid_policy);
  BOOST_TEST(code_of(create(std::vector<ClaimRequirement>(kMaxClaimRequirements + 1, R::present("a")))) ==
             ErrorCode::invalid_policy);
}

BOOST_AUTO_TEST_CASE(json_string_escapes) {
  BOOST_TEST(json_string("a\"b\\c\n") == R"("a\"b\\c\n")");
  BOOST_TEST(claim_kind_name(ClaimKind::missing) == "missing");
  BOOST_TEST(code_name(ErrorCode::claim_mismatch) == "claim_mismatch");
  BOOST_TEST(code_name(ErrorCode::invalid_claim_pointer) == "invalid_claim_pointer");
}

BOOST_AUTO_TEST_SUITE_END()
