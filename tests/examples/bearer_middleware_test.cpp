// Runs the README's middleware example on loopback and sends what clients send: no token, a
// malformed header, a bad token, an expired one, a token lacking the scope, and a good one.
#include "bearer_middleware.hpp"

#include <jwtcheck/key_set.hpp>
#include <jwtcheck/testing/mint.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <boost/test/unit_test.hpp>

#include <array>
#include <memory>
#include <string>
#include <thread>

using namespace jwtcheck;
using namespace jwtcheck::testing;

namespace {

const std::string issuer = "https://tenant.example/";
const std::string api = "https://reports.example";

SigningKey generated(Alg alg, const char* kid) {
  auto key = SigningKey::generate(alg, kid);
  BOOST_REQUIRE(key.ok());
  return *key;
}

// The example API on an ephemeral loopback port, verifying with the tenant key's JWKS.
struct ApiServer {
  SigningKey tenant_key = generated(Alg::ES256, "tenant-key");
  std::unique_ptr<example::BearerAuth> auth;
  httplib::Server server;
  std::thread thread;
  int port = 0;

  ApiServer() {
    const std::array<SigningKey, 1> keys{tenant_key};
    auto jwks = parse_jwks(jwks_json(keys));
    BOOST_REQUIRE(jwks.ok());
    Policy policy;
    policy.issuer = issuer;
    policy.audiences = {api};
    auto verifier = Verifier::create(policy, std::move(jwks->keys));
    BOOST_REQUIRE(verifier.ok());
    auth = std::make_unique<example::BearerAuth>(std::move(*verifier), "reports");
    example::add_report_routes(server, *auth);
    port = server.bind_to_any_port("127.0.0.1");
    BOOST_REQUIRE(port > 0);
    thread = std::thread([this] { server.listen_after_bind(); });
    // bind_to_any_port already listens: requests queue until the accept loop runs.
  }
  ~ApiServer() {
    server.stop();
    thread.join();
  }

  std::string token(const std::string& scope, std::int64_t lifetime = 600, const SigningKey* key = nullptr) const {
    Auth0Claims claims;
    claims.issuer = issuer;
    claims.client_id = "reporting-job";
    claims.audiences = {api};
    claims.scope = scope;
    claims.lifetime_seconds = lifetime;
    auto minted = mint_token(key ? *key : tenant_key, claims.to_json());
    BOOST_REQUIRE(minted.ok());
    return *minted;
  }

  httplib::Result send(const std::string& method, const std::string& authorization) const {
    httplib::Client client("127.0.0.1", port);
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    auto result = method == "GET" ? client.Get("/reports", headers) : client.Post("/reports", headers, "", "text/plain");
    BOOST_REQUIRE_MESSAGE(result, "no answer from the example server");
    return result;
  }
};

void expect_answer(const httplib::Result& result, int status, const std::string& www_authenticate) {
  BOOST_TEST(result->status == status);
  BOOST_TEST(result->get_header_value("WWW-Authenticate") == www_authenticate);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bearer_middleware_example, ApiServer)

BOOST_AUTO_TEST_CASE(no_token_gets_a_bare_challenge) {
  expect_answer(send("GET", ""), 401, R"(Bearer realm="reports")");
  expect_answer(send("GET", "Basic cmVwb3J0czpzZWNyZXQ="), 401, R"(Bearer realm="reports")");
}

BOOST_AUTO_TEST_CASE(a_malformed_header_is_an_invalid_request) {
  for (const std::string header : {"Bearer", "Bearer ", "Bearer a b", "Bearer tok\"en"}) {
    BOOST_TEST_CONTEXT(header) {
      expect_answer(send("GET", header), 400,
                    R"(Bearer realm="reports", error="invalid_request", error_description="malformed Authorization header")");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_bad_token_is_an_invalid_token) {
  expect_answer(send("GET", "Bearer not.a.token"), 401,
                R"(Bearer realm="reports", error="invalid_token", error_description="token refused: malformed_token")");
  const SigningKey stranger = generated(Alg::ES256, "tenant-key");
  expect_answer(send("GET", "Bearer " + token("read:reports", 600, &stranger)), 401,
                R"(Bearer realm="reports", error="invalid_token", error_description="token refused: bad_signature")");
  expect_answer(send("GET", "Bearer " + token("read:reports", -120)), 401,
                R"(Bearer realm="reports", error="invalid_token", error_description="token refused: expired")");
}

BOOST_AUTO_TEST_CASE(a_token_lacking_the_scope_is_forbidden) {
  expect_answer(send("POST", "Bearer " + token("read:reports")), 403,
                R"(Bearer realm="reports", error="insufficient_scope", error_description="the token lacks the scope", scope="write:reports")");
}

BOOST_AUTO_TEST_CASE(a_good_token_reaches_the_handler) {
  const auto read = send("GET", "bearer " + token("read:reports"));  // the scheme is case-insensitive
  BOOST_TEST(read->status == 200);
  BOOST_TEST(read->body == "reports for reporting-job\n");
  BOOST_TEST(!read->has_header("WWW-Authenticate"));
  const auto write = send("POST", "Bearer " + token("read:reports write:reports"));
  BOOST_TEST(write->status == 201);
}

BOOST_AUTO_TEST_SUITE_END()
