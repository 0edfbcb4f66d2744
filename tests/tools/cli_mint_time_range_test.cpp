// `jwtcheck mint --now/--expires-in`: iat and exp stay NumericDates verify accepts (0..253402300799);
// an absurd value is a usage error (exit 2), never an int64 overflow into a negative exp.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

BOOST_AUTO_TEST_SUITE(cli_mint_time_range)

BOOST_AUTO_TEST_CASE(out_of_range_times_are_usage_errors) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "k1");
  const std::string private_pem = dir.write("key.pem", key.private_pem());
  auto mint_with = [&](std::vector<std::string> more) {
    std::vector<std::string> args{"mint", "--json", "--key-file", private_pem, "--alg", "ES256"};
    args.insert(args.end(), more.begin(), more.end());
    return run_jwtcheck(args);
  };
  for (const auto& times : std::vector<std::vector<std::string>>{
           {"--expires-in", "9223372036854775807"},         // overflowed into a negative exp
           {"--expires-in", "99999999999999"},              // past year 9999
           {"--now", "9223372036854775807"},                // overflowed iat + lifetime
           {"--now", "-1"},
           {"--now", "253402300799", "--expires-in", "1"},  // exp one past the last NumericDate
           {"--now", "0", "--expires-in", "-60"}}) {        // iat before the epoch
    BOOST_TEST_CONTEXT(times[0] + " " + times[1] + (times.size() > 2 ? " " + times[3] : "")) {
      const RunResult r = mint_with(times);
      BOOST_TEST(r.exit_code == 2, r.all());
      const auto doc = parse_output(r.out);
      BOOST_TEST(doc.HasMember("error"), r.out);
      if (doc.HasMember("error")) BOOST_TEST(doc["error"]["exit_code"].GetInt() == 2);
      BOOST_TEST(r.out.find("access_token") == std::string::npos, r.out);
    }
  }
  // The edges themselves are fine: exp exactly the last NumericDate, iat exactly the epoch.
  for (const auto& times : std::vector<std::vector<std::string>>{{"--now", "253402300798", "--expires-in", "1"},
                                                                  {"--now", "3660", "--expires-in", "-60"}}) {
    const RunResult r = mint_with(times);
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.all());
    const auto doc = parse_output(r.out);
    const auto& claims = doc["claims"];
    BOOST_TEST(claims["iat"].GetInt64() >= 0);
    BOOST_TEST(claims["exp"].GetInt64() <= 253402300799);
  }
}

BOOST_AUTO_TEST_SUITE_END()
