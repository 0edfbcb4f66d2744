// `jwtcheck verify` and `check` with --claim / --claim-contains: JSON values compare as JSON,
// other text as a string, names starting with / are JSON pointers; --json carries custom claims
// as JSON values and each requirement as a check.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

namespace {

struct ClaimsFixture {
  TempDir dir;
  jwtcheck::testing::SigningKey key = make_key(Alg::ES256, "k1");
  std::string jwks = write_jwks(dir, key);
  std::string token = [this] {
    auto claims = auth0_claims();
    claims.extra_claims_json =
        R"({"org_id":"org_42","https://example.com/roles":["admin","billing"],"tier":3,"beta":true,)"
        R"("ids":"7","profile":{"region":"eu","limits":[1,2.5]}})";
    return mint(key, claims);
  }();

  RunResult verify(std::vector<std::string> more) const {
    std::vector<std::string> args{"verify", "--jwks-file", jwks, "--issuer", test_issuer, "--audience", test_audience};
    args.insert(args.end(), more.begin(), more.end());
    args.push_back(token);
    return run_jwtcheck(args);
  }
};

const rapidjson::Value* find_check(const rapidjson::Value& doc, const std::string& name) {
  for (const auto& check : doc["checks"].GetArray())
    if (name == check["name"].GetString()) return &check;
  return nullptr;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_claims, ClaimsFixture)

BOOST_AUTO_TEST_CASE(claim_equals_as_string_or_json) {
  BOOST_TEST(verify({"--claim", "org_id=org_42"}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "org_id=org_43"}).exit_code == 1);
  BOOST_TEST(verify({"--claim", "tier=3"}).exit_code == 0);    // a number
  BOOST_TEST(verify({"--claim", "tier=3.0"}).exit_code == 0);  // numerically
  BOOST_TEST(verify({"--claim", "tier=\"3\""}).exit_code == 1);
  BOOST_TEST(verify({"--claim", "ids=7"}).exit_code == 1);      // the claim is the string "7"
  BOOST_TEST(verify({"--claim", "ids=\"7\""}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "beta=true"}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "beta=false"}).exit_code == 1);
  BOOST_TEST(verify({"--claim", R"(profile={"limits":[1,2.5],"region":"eu"})"}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "org_id=org_42", "--claim", "tier=4"}).exit_code == 1);  // every one must hold
  const RunResult absent = verify({"--json", "--claim", "tenant=x"});
  BOOST_TEST(absent.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(absent.out)) == "missing_claim");
}

BOOST_AUTO_TEST_CASE(namespaced_names_and_pointers) {
  BOOST_TEST(verify({"--claim", R"(https://example.com/roles=["admin","billing"])"}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "/https:~1~1example.com~1roles/1=billing"}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "/https:~1~1example.com~1roles/1=admin"}).exit_code == 1);
  BOOST_TEST(verify({"--claim", "/profile/region=eu"}).exit_code == 0);
  BOOST_TEST(verify({"--claim", "/profile/limits/1=2.5"}).exit_code == 0);
  const RunResult bad = verify({"--json", "--claim", "/a~2=x"});
  BOOST_TEST(bad.exit_code == 2, bad.all());
  BOOST_TEST(bad.out.find("invalid_policy") != std::string::npos, bad.out);
  BOOST_TEST(verify({"--claim", "no-equals-sign"}).exit_code == 2);
  BOOST_TEST(verify({"--claim", "=x"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(claim_contains) {
  BOOST_TEST(verify({"--claim-contains", "https://example.com/roles=billing"}).exit_code == 0);
  BOOST_TEST(verify({"--claim-contains", "https://example.com/roles=root"}).exit_code == 1);
  BOOST_TEST(verify({"--claim-contains", "scope=write:reports"}).exit_code == 0);  // words of a string
  BOOST_TEST(verify({"--claim-contains", "scope=write"}).exit_code == 1);
  BOOST_TEST(verify({"--claim-contains", "/profile/limits=2.5"}).exit_code == 0);
  const RunResult wrong = verify({"--json", "--claim-contains", "tier=3"});
  BOOST_TEST(wrong.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(wrong.out)) == "claim_mismatch");
}

BOOST_AUTO_TEST_CASE(json_output_has_custom_claims_as_values_and_a_check_per_requirement) {
  const RunResult r = verify({"--json", "--claim", "org_id=org_43", "--claim-contains", "https://example.com/roles=admin"});
  BOOST_TEST_REQUIRE(r.exit_code == 1, r.all());
  const auto doc = parse_output(r.out);
  BOOST_TEST(doc["claims"]["https://example.com/roles"].IsArray());
  BOOST_TEST(std::string(doc["claims"]["https://example.com/roles"][1].GetString()) == "billing");
  BOOST_TEST(doc["claims"]["tier"].GetInt() == 3);
  BOOST_TEST(doc["claims"]["profile"]["limits"][1].GetDouble() == 2.5);
  const auto* org = find_check(doc, "org_id");
  BOOST_TEST_REQUIRE(org != nullptr);
  BOOST_TEST((*org)["passed"].GetBool() == false);
  BOOST_TEST(std::string((*org)["expected"].GetString()) == "org_43");
  BOOST_TEST(std::string((*org)["actual"].GetString()) == "org_42");
  const auto* roles = find_check(doc, "https://example.com/roles");
  BOOST_TEST_REQUIRE(roles != nullptr);
  BOOST_TEST((*roles)["passed"].GetBool() == true);
  BOOST_TEST(error_codes(doc) == "claim_mismatch");
  // The human report names the claim and both values.
  const RunResult human = verify({"--claim", "org_id=org_43"});
  BOOST_TEST(human.out.find("org_id") != std::string::npos, human.out);
  BOOST_TEST(human.out.find("org_43") != std::string::npos, human.out);
}

BOOST_AUTO_TEST_SUITE_END()
