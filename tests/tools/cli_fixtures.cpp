#include "cli_fixtures.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <fstream>
#include <span>

namespace jwtcheck_cli_test {

jwtcheck::testing::SigningKey make_key(jwtcheck::Alg alg, const std::string& kid) {
  auto key = jwtcheck::testing::SigningKey::generate(alg, kid);
  BOOST_REQUIRE_MESSAGE(key.ok(), "key generation failed: " + (key.ok() ? std::string() : key.error().message));
  return *key;
}

jwtcheck::testing::Auth0Claims auth0_claims() {
  jwtcheck::testing::Auth0Claims claims;
  claims.issuer = test_issuer;
  claims.client_id = test_client;
  claims.audiences = {test_audience};
  claims.scope = "read:reports write:reports";
  return claims;
}

std::string mint(const jwtcheck::testing::SigningKey& key, const jwtcheck::testing::Auth0Claims& claims,
                 const jwtcheck::testing::MintOptions& options) {
  auto token = jwtcheck::testing::mint_token(key, claims.to_json(), options);
  BOOST_REQUIRE_MESSAGE(token.ok(), "minting failed: " + (token.ok() ? std::string() : token.error().message));
  return *token;
}

std::string write_jwks(const TempDir& dir, const jwtcheck::testing::SigningKey& key, const std::string& name) {
  return dir.write(name, jwtcheck::testing::jwks_json(std::span<const jwtcheck::testing::SigningKey>(&key, 1)));
}

rapidjson::Document parse_output(const std::string& out) {
  rapidjson::Document doc;
  doc.Parse(out.data(), out.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError(), "not one JSON document: " + out);
  BOOST_REQUIRE_MESSAGE(doc.IsObject(), "not a JSON object: " + out);
  return doc;
}

std::string error_codes(const rapidjson::Value& doc) {
  std::string codes;
  BOOST_REQUIRE(doc.HasMember("errors") && doc["errors"].IsArray());
  for (const auto& error : doc["errors"].GetArray()) {
    BOOST_REQUIRE(error.IsObject() && error.HasMember("code") && error["code"].IsString());
    BOOST_REQUIRE(error.HasMember("message") && error["message"].IsString());
    if (!codes.empty()) codes += " ";
    codes += error["code"].GetString();
  }
  return codes;
}

std::string capture(const std::string& command) {
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), pclose);
  BOOST_REQUIRE(pipe);
  std::string out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) out.append(buffer.data(), n);
  BOOST_REQUIRE_MESSAGE(pclose(pipe.release()) == 0, "failed: " + command);
  return out;
}

std::string sender_constrained_helper(const std::string& arguments) {
  const char* vectors = std::getenv("JWTCHECK_VECTORS_DIR");
  BOOST_REQUIRE(vectors != nullptr);
  return capture("/usr/bin/python3 " + std::string(vectors) + "/../tools/sender_constrained_helper.py " + arguments);
}

}  // namespace jwtcheck_cli_test
