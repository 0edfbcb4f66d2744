// Secret hygiene through the library: client secrets and HMAC keys never appear in an error
// message or a Report, whatever fails (wrong secret, every server fault, a server that echoes
// the request, bad HMAC secrets, bad secret files), and Secret wipes its bytes.
#include <jwtcheck/fetch/token_client.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/secret.hpp>
#include <jwtcheck/testing/local_tenant.hpp>
#include <jwtcheck/verifier.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "fetch/http_client.hpp"
#include "fetch/token_response.hpp"
#include "hygiene/secret_forms.hpp"
#include "support/error_printing.hpp"
#include "support/test_keys.hpp"
#include "verify/verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using jwtcheck::Alg;
using jwtcheck::ErrorCode;
using jwtcheck::testing::Fault;
using namespace std::chrono_literals;
using hygiene::expect_no_secret;

// Distinctive, with characters that JSON, form and Basic encodings all change.
const std::string tenant_secret = "hyg-TENANT+/&=%\"secret-4f1c9a";
const std::string wrong_secret = "hyg-WRONG+/&=%\"secret-77e0b2";

jwtcheck::testing::TenantClient hygiene_client() {
  jwtcheck::testing::TenantClient client;
  client.client_id = "hygiene-client";
  client.client_secret = tenant_secret;
  client.audience_scopes[fetch_test::demo_audience] = "read:reports";
  return client;
}

jwtcheck::testing::LocalTenant& tenant() {
  static auto started = [] {
    jwtcheck::testing::LocalTenantOptions options;
    options.clients = {hygiene_client()};
    return fetch_test::start_tenant(std::move(options));
  }();
  return *started;
}

jwtcheck::TokenClientOptions config_for(const std::string& url, const std::string& secret,
                                       jwtcheck::TokenRequestFormat format, jwtcheck::ClientAuthMethod auth) {
  jwtcheck::TokenClientOptions config;
  config.token_url = url;
  config.client_id = "hygiene-client";
  config.client_secret = jwtcheck::Secret(secret);
  config.audience = fetch_test::demo_audience;
  config.format = format;
  config.auth_method = auth;
  config.http = fetch_test::http_for(tenant());
  config.http.total_timeout = 2s;
  config.retry.max_retries = 1;
  config.retry.sleep = [](std::chrono::milliseconds) {};
  return config;
}

struct Variant {
  const char* name;
  jwtcheck::TokenRequestFormat format;
  jwtcheck::ClientAuthMethod auth;
};
const std::vector<Variant> variants = {
    {"json body", jwtcheck::TokenRequestFormat::json, jwtcheck::ClientAuthMethod::request_body},
    {"form body", jwtcheck::TokenRequestFormat::form, jwtcheck::ClientAuthMethod::request_body},
    {"json basic", jwtcheck::TokenRequestFormat::json, jwtcheck::ClientAuthMethod::basic},
    {"form basic", jwtcheck::TokenRequestFormat::form, jwtcheck::ClientAuthMethod::basic},
};

// Asks for a token that must fail; returns the error after checking no secret form is in it.
jwtcheck::Error failing_token(const jwtcheck::TokenClientOptions& config, const std::string& what) {
  auto client = jwtcheck::TokenClient::create(config);
  BOOST_TEST_REQUIRE(client.ok(), (client.ok() ? "" : client.error().message));
  auto token = client->token();
  BOOST_TEST_REQUIRE(!token.ok(), what << ": expected a failure");
  for (const auto& secret : {tenant_secret, wrong_secret})
    expect_no_secret(token.error().message, secret, "hygiene-client", what);
  return token.error();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(secret_library)

BOOST_AUTO_TEST_CASE(a_wrong_client_secret_is_in_no_error_in_any_request_format) {
  tenant().clear_faults();
  for (const auto& variant : variants) {
    auto error = failing_token(config_for(tenant().token_url(), wrong_secret, variant.format, variant.auth),
                               std::string("wrong secret, ") + variant.name);
    BOOST_TEST(error.code == ErrorCode::oauth_error, variant.name << ": " << error.message);
  }
}

BOOST_AUTO_TEST_CASE(every_server_fault_gives_an_error_without_the_secret) {
  const std::vector<std::pair<Fault::Kind, ErrorCode>> faults = {
      {Fault::Kind::http_500, ErrorCode::http_status},
      {Fault::Kind::http_429, ErrorCode::rate_limited},
      {Fault::Kind::invalid_json, ErrorCode::invalid_response},
      {Fault::Kind::oversized_body, ErrorCode::body_too_large},
      {Fault::Kind::drop_connection, ErrorCode::connect_failed},
      {Fault::Kind::delay, ErrorCode::timeout},
  };
  for (const auto& [kind, expected] : faults) {
    for (const auto& variant : variants) {
      tenant().clear_faults();
      Fault fault{};
      fault.kind = kind;
      fault.endpoint = jwtcheck::testing::Endpoint::token;
      fault.delay = 3s;
      fault.retry_after_seconds = 0;
      tenant().add_fault(fault);
      auto config = config_for(tenant().token_url(), tenant_secret, variant.format, variant.auth);
      config.http.max_response_bytes = 64 * 1024;
      const std::string what = std::string("fault ") + std::to_string(static_cast<int>(kind)) + ", " + variant.name;
      auto error = failing_token(config, what);
      // The code is informative only: drop_connection may surface as a reset or an empty reply.
      BOOST_TEST_MESSAGE(what << " -> " << jwtcheck::code_name(error.code));
      if (kind != Fault::Kind::drop_connection) BOOST_TEST(error.code == expected, what << ": " << error.message);
    }
  }
  tenant().clear_faults();
}

BOOST_AUTO_TEST_CASE(a_server_that_echoes_the_request_never_gets_the_secret_into_an_error) {
  // Echo the request body and the Authorization header back in every way a server might.
  const std::vector<std::pair<int, std::string>> answers = {
      {500, "body"}, {400, "oauth"}, {401, "oauth"}, {403, "header"}, {200, "json"}, {200, "text"}, {429, "body"}};
  for (const auto& [status, shape] : answers) {
    fetch_test::StubServer stub([status = status, shape = shape](httplib::Server& server) {
      server.Post("/oauth/token", [status, shape](const httplib::Request& request, httplib::Response& response) {
        const std::string echoed = request.body + " " + request.get_header_value("Authorization");
        response.status = status;
        std::string escaped;
        for (char c : echoed) escaped += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
        if (shape == "oauth")
          response.set_content(R"({"error":"invalid_client","error_description":")" + escaped + "\"}", "application/json");
        else if (shape == "json")
          response.set_content(R"({"access_token":")" + escaped + R"(","token_type":"Bearer"})", "application/json");
        else if (shape == "header") {
          response.set_header("WWW-Authenticate", "Basic realm=\"" + escaped + "\"");
          response.set_content(echoed, "text/plain");
        } else
          response.set_content(echoed, "text/plain");
      });
    });
    for (const auto& variant : variants) {
      auto config = config_for(stub.url("/oauth/token"), tenant_secret, variant.format, variant.auth);
      config.http = fetch_test::stub_http();
      config.retry.max_retries = 0;
      (void)failing_token(config, "echo " + std::to_string(status) + " " + shape + ", " + variant.name);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_secret_cut_by_the_200_byte_excerpt_leaves_no_piece_behind) {
  // Error excerpts stop at 200 bytes. A secret the server echoes across that boundary must be
  // redacted before the cut, or its first bytes would survive in the message.
  for (std::size_t offset = 160; offset <= 220; ++offset) {
    const std::string echoed = std::string(offset, 'x') + tenant_secret + " and more";
    std::string escaped;
    for (char c : echoed) escaped += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    const std::vector<std::pair<long, std::string>> bodies = {
        {400, R"({"error":"invalid_client","error_description":")" + escaped + "\"}"},
        {500, echoed},
    };
    for (const auto& [status, body] : bodies) {
      jwtcheck::detail::HttpResponse response;
      response.status = status;
      response.body = body;
      const auto error = jwtcheck::detail::token_error_from_response(response, "https://t.example/oauth/token",
                                                                      tenant_secret);
      const std::string what = "offset " + std::to_string(offset) + ", status " + std::to_string(status);
      expect_no_secret(error.message, tenant_secret, "hygiene-client", what);
      BOOST_TEST(error.message.find(tenant_secret.substr(0, 6)) == std::string::npos, what << ": " << error.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(hmac_secrets_are_in_no_error_and_no_report) {
  using namespace jwtcheck::test;
  const std::string secret = "hyg-HMAC-secret-of-at-least-32-bytes-0f9e8d";
  auto weak = jwtcheck::hmac_key(secret.substr(0, 20), Alg::HS256);
  BOOST_TEST_REQUIRE(!weak.ok());
  BOOST_TEST(weak.error().code == ErrorCode::weak_key);
  expect_no_secret(weak.error().message, secret.substr(0, 20), "", "weak HMAC secret");

  auto key = jwtcheck::hmac_key(secret, Alg::HS256, "hs");
  BOOST_TEST_REQUIRE(key.ok());
  auto policy = auth0_policy();
  policy.algorithms = {Alg::HS256};
  auto verifier = jwtcheck::Verifier::create(policy, jwtcheck::KeySet({*key}), pinned_options());
  BOOST_TEST_REQUIRE(verifier.ok(), (verifier.ok() ? "" : verifier.error().message));
  TestKey signer = generate_test_key(Alg::HS256, "hs");
  signer.secret = secret;
  TestKey other = generate_test_key(Alg::HS256, "hs");
  const std::vector<std::pair<std::string, std::string>> tokens = {
      {"wrong key", auth0_token(other, Alg::HS256)},
      {"expired", auth0_token(signer, Alg::HS256, auth0_claims().set_number("exp", kNow - 3600))},
      {"wrong audience", auth0_token(signer, Alg::HS256, auth0_claims().set_string("aud", "https://other"))},
      {"HS384 header", signed_token(signer, Alg::HS384, jose_header_json(Alg::HS384, "hs"), auth0_claims().str())},
      {"truncated", auth0_token(signer, Alg::HS256).substr(0, 60)},
  };
  for (const auto& [what, token] : tokens) {
    auto verified = verifier->verify(token);
    BOOST_TEST_REQUIRE(!verified.ok(), what);
    expect_no_secret(verified.error().message, secret, "", what);
    const auto report = verifier->check(token);
    BOOST_TEST(!report.valid, what);
    std::string everything = report.header_json + report.claims_json + report.alg + report.kid + report.key_thumbprint;
    for (const auto& error : report.errors) everything += error.message;
    for (const auto& check : report.checks) everything += check.name + check.expected + check.actual;
    expect_no_secret(everything, secret, "", what + " (report)");
  }
}

BOOST_AUTO_TEST_CASE(secret_file_errors_name_the_file_never_its_content) {
  const std::string dir = "/tmp/jwtcheck-hygiene-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string missing = dir + "/missing";
  auto not_there = jwtcheck::read_secret_file(missing);
  BOOST_TEST_REQUIRE(!not_there.ok());
  BOOST_TEST(not_there.error().code == ErrorCode::io_error);
  BOOST_TEST(not_there.error().message.find(missing) != std::string::npos);
  auto directory = jwtcheck::read_secret_file(dir);
  BOOST_TEST_REQUIRE(!directory.ok());
  BOOST_TEST(directory.error().code == ErrorCode::io_error);
  const std::string empty = dir + "/empty";
  std::ofstream(empty) << "\n";
  auto nothing = jwtcheck::read_secret_file(empty);
  BOOST_TEST_REQUIRE(!nothing.ok());
  BOOST_TEST(nothing.error().code == ErrorCode::io_error);
  // A readable secret that is too short for HS512: the HMAC error must not quote it either.
  const std::string short_file = dir + "/short";
  std::ofstream(short_file) << "hyg-short-file-secret\r\n";
  auto short_secret = jwtcheck::read_secret_file(short_file);
  BOOST_TEST_REQUIRE(short_secret.ok());
  BOOST_TEST(short_secret->reveal() == "hyg-short-file-secret");
  auto weak = jwtcheck::hmac_key(short_secret->reveal(), Alg::HS512);
  BOOST_TEST_REQUIRE(!weak.ok());
  expect_no_secret(weak.error().message, "hyg-short-file-secret", "", "short file secret");
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(secret_wipes_its_bytes_in_place) {
  jwtcheck::Secret secret(std::string(48, 'S'));
  const char* bytes = secret.reveal().data();
  secret.clear();
  BOOST_TEST(secret.empty());
  // clear() keeps the buffer (std::string::clear keeps capacity), so it is still ours to read.
  bool wiped = true;
  for (int i = 0; i < 48; ++i) wiped = wiped && bytes[i] == '\0';
  BOOST_TEST(wiped, "the secret's bytes are still in its buffer after clear()");

  jwtcheck::Secret source("hyg-moved-secret-0123456789abcdef");
  jwtcheck::Secret target(std::move(source));
  BOOST_TEST(source.empty());  // NOLINT(bugprone-use-after-move): moved-from state is specified
  BOOST_TEST(target.reveal() == "hyg-moved-secret-0123456789abcdef");
  jwtcheck::Secret copy = target;
  target.clear();
  BOOST_TEST(copy.reveal() == "hyg-moved-secret-0123456789abcdef");
}

BOOST_AUTO_TEST_SUITE_END()
