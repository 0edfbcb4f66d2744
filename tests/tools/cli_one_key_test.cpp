// `jwtcheck verify --key-file` / `--hs-secret-file` alone: the one-key verifier. The key verifies
// tokens whatever kid they name, only as the pinned alg (the one --alg it can verify, else its
// natural one); private key files are refused.
#include "cli_fixtures.hpp"
#include "support/process_runner.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck_cli_test;
using namespace jwtcheck::test;
using jwtcheck::Alg;

namespace {

RunResult verify_with(const std::string& key_flag, const std::string& file, const std::string& token,
                      std::vector<std::string> more = {}) {
  std::vector<std::string> args{"verify", "--json", key_flag, file, "--issuer", test_issuer, "--audience", test_audience};
  args.insert(args.end(), more.begin(), more.end());
  args.push_back(token);
  return run_jwtcheck(args);
}

std::string minted_with_kid(const jwtcheck::testing::SigningKey& key, bool with_kid,
                            std::optional<std::string> alg_header = std::nullopt) {
  jwtcheck::testing::MintOptions options;
  options.include_kid = with_kid;
  options.alg_header = std::move(alg_header);
  return mint(key, auth0_claims(), options);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_one_key)

BOOST_AUTO_TEST_CASE(pem_keys_verify_any_kid_with_their_natural_alg) {
  TempDir dir;
  for (const Alg alg : {Alg::RS256, Alg::ES256, Alg::ES384, Alg::EdDSA}) {
    const auto key = make_key(alg, "some-kid-the-file-does-not-have");
    const std::string pem = dir.write("key.pem", key.public_pem());
    for (const bool with_kid : {true, false}) {
      const RunResult r = verify_with("--key-file", pem, minted_with_kid(key, with_kid));
      BOOST_TEST(r.exit_code == 0, jwtcheck::alg_name(alg) << " kid " << with_kid << ": " << r.all());
    }
  }
}

BOOST_AUTO_TEST_CASE(only_the_pinned_alg) {
  TempDir dir;
  const auto key = make_key(Alg::RS256, "k1");
  const std::string pem = dir.write("key.pem", key.public_pem());
  const std::string ps256 = minted_with_kid(key, true, "PS256");  // the same RSA key, another alg
  const RunResult natural = verify_with("--key-file", pem, ps256);
  BOOST_TEST(natural.exit_code == 1, natural.all());
  BOOST_TEST(error_codes(parse_output(natural.out)) == "alg_not_allowed");
  BOOST_TEST(verify_with("--key-file", pem, ps256, {"--alg", "PS256"}).exit_code == 0);
  BOOST_TEST(verify_with("--key-file", pem, ps256, {"--alg", "ES256", "--alg", "PS256"}).exit_code == 0);
  // Two algs the key can verify: it verifies one, so that is a usage error.
  BOOST_TEST(verify_with("--key-file", pem, ps256, {"--alg", "RS256", "--alg", "PS256"}).exit_code == 2);
  BOOST_TEST(verify_with("--key-file", pem, ps256, {"--alg", "ES256"}).exit_code == 2);
  // RS/HS confusion: an HS256 token "signed" with the public key text.
  const RunResult hs = verify_with("--key-file", pem, minted_with_kid(key, true, "HS256"));
  BOOST_TEST(hs.exit_code == 1, hs.all());
  BOOST_TEST(error_codes(parse_output(hs.out)) == "alg_not_allowed");
  // Another key's token, naming any kid: bad signature.
  const RunResult forged = verify_with("--key-file", pem, mint(make_key(Alg::RS256, "k1"), auth0_claims()));
  BOOST_TEST(forged.exit_code == 1);
  BOOST_TEST(error_codes(parse_output(forged.out)) == "bad_signature");
}

BOOST_AUTO_TEST_CASE(private_key_files_are_refused) {
  TempDir dir;
  const auto key = make_key(Alg::ES256, "k1");
  const std::string pem = dir.write("private.pem", key.private_pem());
  const RunResult r = verify_with("--key-file", pem, mint(key, auth0_claims()));
  BOOST_TEST(r.exit_code == 3, r.all());
  BOOST_TEST(r.out.find("invalid_key") != std::string::npos, r.out);
  BOOST_TEST(r.all().find("PRIVATE KEY-----\n") == std::string::npos);  // the key is never echoed
}

BOOST_AUTO_TEST_CASE(hmac_secret_any_kid_one_hs_alg) {
  TempDir dir;
  const std::string secret(64, 's');  // long enough for HS384 too
  auto key = jwtcheck::testing::SigningKey::from_hmac_secret(Alg::HS256, secret, "whatever");
  BOOST_REQUIRE(key.ok());
  const std::string file = dir.write("secret", secret);
  for (const bool with_kid : {true, false})
    BOOST_TEST(verify_with("--hs-secret-file", file, minted_with_kid(*key, with_kid), {"--alg", "HS256"}).exit_code == 0);
  const RunResult other_hs = verify_with("--hs-secret-file", file, minted_with_kid(*key, true), {"--alg", "HS384"});
  BOOST_TEST(other_hs.exit_code == 1, other_hs.all());
  BOOST_TEST(error_codes(parse_output(other_hs.out)) == "alg_not_allowed");
  BOOST_TEST(verify_with("--hs-secret-file", file, minted_with_kid(*key, true), {"--alg", "HS256", "--alg", "HS384"})
                 .exit_code == 2);
  BOOST_TEST(verify_with("--hs-secret-file", file, minted_with_kid(*key, true)).exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
