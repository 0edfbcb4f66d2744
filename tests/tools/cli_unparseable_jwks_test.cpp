// `jwtcheck verify --jwks-file`: a JWKS file that cannot be parsed, for any reason (not JSON, nested
// too deep, a duplicate member, over the size limit), means the keys were not obtained: exit 3 and invalid_jwks, never
// exit 1 as if the token had been refused.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

BOOST_AUTO_TEST_SUITE(cli_unparseable_jwks)

BOOST_AUTO_TEST_CASE(every_unparseable_jwks_file_is_exit_3) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "k1");
  const std::string token = mint(key, auth0_claims());
  const std::string jwk = key.public_jwk_json();
  const std::string deep = "{\"keys\":[" + jwk + "],\"x\":" + std::string(40, '[') + std::string(40, ']') + "}";
  const std::string duplicate_keys = "{\"keys\":[],\"keys\":[" + jwk + "]}";
  const std::string duplicate_member = "{\"keys\":[" + jwk.substr(0, jwk.size() - 1) + ",\"kid\":\"k2\"}]}";
  const std::string not_json = "{\"keys\":[" + jwk + "]";
  // Over Limits::max_jwks_bytes (512 KiB), as docs/security.md's limits table says.
  const std::string oversized = "{\"keys\":[" + jwk + "],\"x\":\"" + std::string(512 * 1024, 'a') + "\"}";
  for (const auto& [name, text] : {std::pair<std::string, std::string>{"deep", deep},
                                   {"duplicate_keys", duplicate_keys},
                                   {"duplicate_member", duplicate_member},
                                   {"not_json", not_json},
                                   {"oversized", oversized}}) {
    BOOST_TEST_CONTEXT(name) {
      const std::string file = dir.write(name + ".json", text);
      const RunResult json = run_jwtcheck({"verify", "--jwks-file", file, "--issuer", test_issuer, "--audience",
                                           test_audience, "--json", token});
      BOOST_TEST(json.exit_code == 3, json.all());
      const auto doc = parse_output(json.out);
      BOOST_TEST(std::string(doc["error"]["code"].GetString()) == "invalid_jwks");
      BOOST_TEST(doc["error"]["exit_code"].GetInt() == 3);
      const RunResult human = run_jwtcheck(
          {"verify", "--jwks-file", file, "--issuer", test_issuer, "--audience", test_audience, token});
      BOOST_TEST(human.exit_code == 3, human.all());
      BOOST_TEST(human.err.find("(invalid_jwks)") != std::string::npos, human.err);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
