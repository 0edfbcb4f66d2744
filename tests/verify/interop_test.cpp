// Tokens minted by independent implementations (PyJWT and jwcrypto, driven through Debian's
// /usr/bin/python3) verify with jwtcheck for every algorithm, and their tampered twins do not.
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

// A private temp dir for key and claims files, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("jwtcheck-interop-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path write(const std::string& name, std::string_view bytes) const {
    const auto file = path / name;
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }
};

std::filesystem::path script_path() {
  const char* root = std::getenv("JWTCHECK_SOURCE_ROOT");
  BOOST_REQUIRE_MESSAGE(root != nullptr, "JWTCHECK_SOURCE_ROOT is not set");
  const auto script = std::filesystem::path(root) / "tests" / "verify" / "mint_with_python.py";
  BOOST_REQUIRE_MESSAGE(std::filesystem::exists(script), "missing " << script);
  return script;
}

// Runs the minting script; a failure (missing python module included) fails the test.
std::string mint(const std::string& library, const TestKey& key, Alg alg, const std::string& claims_json,
                 const TempDir& dir) {
  const auto key_file = dir.write("key", is_hmac(alg) ? key.secret : key.private_pem);
  const auto claims_file = dir.write("claims.json", claims_json);
  const std::string command = "/usr/bin/python3 '" + script_path().string() + "' " + library + " " +
                              std::string(alg_name(alg)) + " '" + key.kid + "' '" + key_file.string() + "' '" +
                              claims_file.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  BOOST_REQUIRE_MESSAGE(status == 0, library << " failed for " << alg_name(alg) << ": " << out);
  return out;
}

std::string flip_char(std::string token, std::size_t pos) {
  token[pos] = token[pos] == 'A' ? 'B' : 'A';
  return token;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(interop)

BOOST_AUTO_TEST_CASE(python_minted_tokens_verify_and_tampered_twins_do_not) {
  const TestKey ed448 = generate_test_key(Alg::EdDSA, "ed448-interop", 2048, true);
  struct Case { const TestKey* key; Alg alg; };
  std::vector<Case> cases;
  for (Alg alg : {Alg::RS256, Alg::RS384, Alg::RS512, Alg::PS256, Alg::PS384, Alg::PS512, Alg::ES256, Alg::ES384,
                  Alg::ES512, Alg::EdDSA, Alg::HS256, Alg::HS384, Alg::HS512})
    cases.push_back({&cached_test_key(alg), alg});
  cases.push_back({&ed448, Alg::EdDSA});
  const TempDir dir;
  const std::string claims = auth0_claims().set("permissions", R"(["read:reports","admin"])").str();
  int verified = 0;
  for (const std::string library : {"pyjwt", "jwcrypto"}) {
    for (const Case& c : cases) {
      BOOST_TEST_CONTEXT(library << " " << alg_name(c.alg) << " kid " << c.key->kid) {
        const Verifier v = make_verifier(key_set_of({c.key}));
        const std::string token = mint(library, *c.key, c.alg, claims, dir);
        auto r = v.verify(token);
        BOOST_TEST(r.ok(), (r.ok() ? "" : r.error().message) << "\ntoken " << token);
        if (r.ok()) {
          ++verified;
          BOOST_TEST(r->alg() == alg_name(c.alg));
          BOOST_TEST(r->kid() == c.key->kid);
          BOOST_TEST(r->client_id() == kClientId);
          BOOST_TEST(r->has_scope("admin"));
        }
        // Tampered twins: a signature byte, a header byte, a payload byte.
        const std::size_t first_dot = token.find('.'), last_dot = token.rfind('.');
        for (const std::string& twin :
             {flip_char(token, last_dot + 3), flip_char(token, first_dot + 6), flip_char(token, last_dot - 4)}) {
          auto t = v.verify(twin);
          BOOST_TEST(!t.ok(), "tampered twin accepted: " << twin);
        }
        // A twin with different claims under the original signature.
        const std::string other = b64url(auth0_claims().set("permissions", R"(["read:reports","root"])").str());
        const std::string spliced = token.substr(0, first_dot + 1) + other + token.substr(last_dot);
        auto s = v.verify(spliced);
        BOOST_REQUIRE(!s.ok());
        BOOST_TEST(s.error().code == ErrorCode::bad_signature);
      }
    }
  }
  BOOST_TEST_MESSAGE("interop: " << verified << " python-minted tokens verified");
  BOOST_TEST(verified == 2 * static_cast<int>(cases.size()));
}

BOOST_AUTO_TEST_SUITE_END()
