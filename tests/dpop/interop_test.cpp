// Proofs minted by an independent implementation (python3-jwcrypto, through Debian's
// /usr/bin/python3) verify for ES256, ES384, RS256, PS256 and EdDSA, with the thumbprint
// jwcrypto computes for the same key.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"
#include "support/temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

std::string run(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  BOOST_REQUIRE_MESSAGE(status == 0, command << " failed: " << out);
  return out;
}

std::string script(const char* name) {
  const char* root = std::getenv("JWTCHECK_SOURCE_ROOT");
  BOOST_REQUIRE_MESSAGE(root != nullptr, "JWTCHECK_SOURCE_ROOT is not set");
  const auto path = std::filesystem::path(root) / "tests" / "dpop" / name;
  BOOST_REQUIRE_MESSAGE(std::filesystem::exists(path), "missing " << path);
  return path.string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_interop)

BOOST_AUTO_TEST_CASE(jwcrypto_minted_proofs_verify) {
  const TempDir dir;
  int verified = 0;
  for (Alg alg : {Alg::ES256, Alg::ES384, Alg::RS256, Alg::PS256, Alg::EdDSA}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const TestKey& key = cached_test_key(alg);
      const std::string key_file = dir.write("key.pem", key.private_pem);
      const std::string claims_file = dir.write("claims.json", proof_claims("py-" + std::string(alg_name(alg))).str());
      const std::string proof = run("/usr/bin/python3 '" + script("mint_dpop_with_python.py") + "' " +
                                    std::string(alg_name(alg)) + " '" + key_file + "' '" + claims_file + "'");
      const DpopVerifier verifier = make_dpop_verifier();
      auto result = verifier.verify(request(proof), jkt_of(key));
      BOOST_TEST(result.ok(), code_of(result) << ": " << (result.ok() ? "" : result.error().message) << "\nproof " << proof);
      if (result.ok()) {
        ++verified;
        BOOST_TEST(result->alg == alg_name(alg));
        BOOST_TEST(result->jkt == jkt_of(key));
      }
      // jwcrypto's own RFC 7638 thumbprint of the key agrees with Key::thumbprint.
      const std::string thumbprint =
          run("/usr/bin/python3 -c \"import sys; from jwcrypto import jwk; "
              "sys.stdout.write(jwk.JWK.from_pem(open('" + key_file + "','rb').read()).thumbprint())\"");
      BOOST_TEST(thumbprint == jkt_of(key));
      // Used once only.
      BOOST_TEST(code_of(verifier.verify(request(proof), jkt_of(key))) == "dpop_jti_replayed");
    }
  }
  BOOST_TEST(verified == 5);
}

BOOST_AUTO_TEST_SUITE_END()
