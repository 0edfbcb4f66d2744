// The pure pieces of the fetch module: printable excerpts, Cache-Control, retry delays,
// token request bodies and token answers.
#include <boost/test/unit_test.hpp>

#include "base64url.hpp"
#include "fetch/cache_control.hpp"
#include "fetch/printable_text.hpp"
#include "fetch/retry_delay.hpp"
#include "fetch/token_request.hpp"
#include "fetch/token_response.hpp"
#include "support/error_printing.hpp"

#include <openssl/evp.h>

#include <chrono>

using namespace std::chrono_literals;
using jwtcheck::ErrorCode;
namespace d = jwtcheck::detail;

namespace {

d::HttpResponse response_with(long status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  d::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

jwtcheck::TokenClientOptions config_with_secret(std::string secret) {
  jwtcheck::TokenClientOptions config;
  config.client_id = "my client";
  config.client_secret = jwtcheck::Secret(secret);
  config.audience = "https://api.example.com";
  return config;
}

std::string base64_decode(std::string_view in) {
  std::string out(in.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  while (!in.empty() && in.back() == '=') {
    in.remove_suffix(1);
    out.pop_back();
  }
  return out;
}

const std::string a_jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

}  // namespace

BOOST_AUTO_TEST_SUITE(printable_text)

BOOST_AUTO_TEST_CASE(control_characters_are_dropped_and_text_is_truncated) {
  BOOST_TEST(d::printable_excerpt("a\nb\rc\x1b[31md\x7f") == "abc[31md");
  BOOST_TEST(d::printable_excerpt("caf\xc3\xa9") == "caf\xc3\xa9");
  BOOST_TEST(d::printable_excerpt("x\xc2\x85y\xc2\x9bz") == "xyz");  // C1 controls (NEL, CSI)
  BOOST_TEST(d::printable_excerpt("bad\xff\xc3") == "bad??");
  BOOST_TEST(d::printable_excerpt(std::string(500, 'a'), 10) == std::string(10, 'a') + "...");
  // Never cut a multi-byte sequence in half.
  BOOST_TEST(d::printable_excerpt("abc\xe2\x82\xac", 5) == "abc...");
}

BOOST_AUTO_TEST_CASE(redaction_removes_every_occurrence) {
  BOOST_TEST(d::redact("s3cret and s3cret", "s3cret") == "[redacted] and [redacted]");
  BOOST_TEST(d::redact("nothing here", "s3cret") == "nothing here");
  BOOST_TEST(d::redact("abc", "") == "abc");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cache_control)

BOOST_AUTO_TEST_CASE(max_age_is_read) {
  BOOST_TEST(d::cache_max_age("public, max-age=600").value_or(-1s) == 600s);
  BOOST_TEST(d::cache_max_age("MAX-AGE=\"30\", public").value_or(-1s) == 30s);
  BOOST_TEST(d::cache_max_age("max-age=99999999999999999999").value_or(-1s) > 86400s);
  BOOST_TEST(d::cache_max_age("max-age=60, no-cache").value_or(-1s) == 0s);
  BOOST_TEST(d::cache_max_age("no-store").value_or(-1s) == 0s);
  BOOST_TEST(!d::cache_max_age("public").has_value());
  BOOST_TEST(!d::cache_max_age("max-age=-5").has_value());
  BOOST_TEST(!d::cache_max_age("max-age=ten").has_value());
  BOOST_TEST(!d::cache_max_age("max-age=").has_value());
  BOOST_TEST(!d::cache_max_age("").has_value());
}

BOOST_AUTO_TEST_CASE(lifetime_is_clamped) {
  BOOST_TEST(d::cache_lifetime(std::string_view("max-age=600"), 300s, 86400s, 600s) == 600s);
  BOOST_TEST(d::cache_lifetime(std::string_view("max-age=1"), 300s, 86400s, 600s) == 300s);
  BOOST_TEST(d::cache_lifetime(std::string_view("no-store"), 300s, 86400s, 600s) == 300s);
  BOOST_TEST(d::cache_lifetime(std::string_view("max-age=31536000"), 300s, 86400s, 600s) == 86400s);
  BOOST_TEST(d::cache_lifetime(std::nullopt, 300s, 86400s, 600s) == 600s);
  BOOST_TEST(d::cache_lifetime(std::string_view("public"), 300s, 86400s, 700s) == 700s);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retry_delay)

BOOST_AUTO_TEST_CASE(retry_after_seconds_and_dates_are_honoured_and_capped) {
  jwtcheck::RetryPolicy policy;
  policy.max_server_delay = 10s;
  const std::int64_t now = 1'700'000'000;
  BOOST_TEST(d::server_requested_delay(response_with(429, "", {{"retry-after", "3"}}), now, policy).value_or(-1ms) == 3000ms);
  BOOST_TEST(d::server_requested_delay(response_with(429, "", {{"retry-after", "3600"}}), now, policy).value_or(-1ms) == 10000ms);
  // 1700000005 is Tue, 14 Nov 2023 22:13:25 GMT.
  auto date = d::server_requested_delay(response_with(503, "", {{"retry-after", "Tue, 14 Nov 2023 22:13:25 GMT"}}), now, policy);
  BOOST_TEST(date.value_or(-1ms) == 5000ms);
  auto past = d::server_requested_delay(response_with(503, "", {{"retry-after", "Tue, 14 Nov 2023 22:00:00 GMT"}}), now, policy);
  BOOST_TEST(past.value_or(-1ms) == 0ms);
  auto reset = d::server_requested_delay(response_with(429, "", {{"x-ratelimit-reset", "1700000002"}}), now, policy);
  BOOST_TEST(reset.value_or(-1ms) == 2000ms);
  BOOST_TEST(!d::server_requested_delay(response_with(429, "", {{"retry-after", "soon"}}), now, policy).has_value());
  BOOST_TEST(!d::server_requested_delay(response_with(429, "", {{"retry-after", "-4"}}), now, policy).has_value());
  BOOST_TEST(!d::server_requested_delay(response_with(429, ""), now, policy).has_value());
}

BOOST_AUTO_TEST_CASE(backoff_grows_with_jitter_and_stays_under_the_cap) {
  jwtcheck::RetryPolicy policy;
  policy.base_delay = 100ms;
  policy.max_delay = 1000ms;
  std::minstd_rand random(42);
  bool saw_jitter = false;
  for (int trial = 0; trial < 50; ++trial) {
    const auto first = d::backoff_delay(policy, 0, random);
    BOOST_TEST((first >= 50ms && first <= 100ms));
    const auto third = d::backoff_delay(policy, 2, random);
    BOOST_TEST((third >= 200ms && third <= 400ms));
    const auto late = d::backoff_delay(policy, 30, random);
    BOOST_TEST((late >= 500ms && late <= 1000ms));
    if (first != 100ms) saw_jitter = true;
  }
  BOOST_TEST(saw_jitter);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(token_request)

BOOST_AUTO_TEST_CASE(json_body_is_the_one_auth0_documents) {
  auto config = config_with_secret("p\"a\\s\ns");
  config.scope = "read:reports write:reports";
  d::TokenRequest request;
  d::build_token_request(config, request);
  BOOST_TEST(request.content_type == "application/json");
  BOOST_TEST(request.body.view() ==
             R"({"client_id":"my client","client_secret":"p\"a\\s\u000As","audience":"https://api.example.com",)"
             R"("grant_type":"client_credentials","scope":"read:reports write:reports"})");
  BOOST_TEST(request.authorization.empty());
}

BOOST_AUTO_TEST_CASE(form_body_is_urlencoded) {
  auto config = config_with_secret("a&b=c +%");
  config.format = jwtcheck::TokenRequestFormat::form;
  d::TokenRequest request;
  d::build_token_request(config, request);
  BOOST_TEST(request.content_type == "application/x-www-form-urlencoded");
  BOOST_TEST(request.body.view() ==
             "client_id=my+client&client_secret=a%26b%3Dc+%2B%25&audience=https%3A%2F%2Fapi.example.com"
             "&grant_type=client_credentials");
}

BOOST_AUTO_TEST_CASE(basic_authentication_moves_the_credentials_to_the_header) {
  auto config = config_with_secret("s:e/cret");
  config.auth_method = jwtcheck::ClientAuthMethod::basic;
  config.audience.clear();
  d::TokenRequest request;
  d::build_token_request(config, request);
  BOOST_TEST(request.body.view() == R"({"grant_type":"client_credentials"})");
  const std::string_view header = request.authorization.view();
  BOOST_TEST_REQUIRE(header.starts_with("Basic "));
  BOOST_TEST(base64_decode(header.substr(6)) == "my+client:s%3Ae%2Fcret");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(token_response)

BOOST_AUTO_TEST_CASE(a_good_answer_is_parsed) {
  const auto at = std::chrono::steady_clock::now();
  auto token = d::parse_token_response(
      R"({"access_token":")" + a_jwt + R"(","token_type":"Bearer","expires_in":86400,"scope":"read:reports"})", at);
  BOOST_TEST_REQUIRE(token.ok());
  BOOST_TEST(token->access_token == a_jwt);
  BOOST_TEST(token->token_type == "Bearer");
  BOOST_TEST(token->expires_in.value_or(-1s) == 86400s);
  BOOST_TEST(token->scope == "read:reports");
  BOOST_TEST((token->obtained_at == at));
  auto minimal = d::parse_token_response(R"({"access_token":")" + a_jwt + R"("})", at);
  BOOST_TEST_REQUIRE(minimal.ok());
  BOOST_TEST(!minimal->expires_in.has_value());
}

BOOST_AUTO_TEST_CASE(bad_answers_are_invalid_response) {
  const char* bodies[] = {
      R"({"token_type":"Bearer","expires_in":3600})",
      R"({"access_token":"","expires_in":3600})",
      R"({"access_token":42})",
      R"({"access_token":null})",
      R"({"access_token":"a.b.c","expires_in":"3600"})",
      R"({"access_token":"a.b.c","expires_in":-1})",
      R"({"access_token":"a.b.c","expires_in":1.5})",
      R"({"access_token":"a.b.c","expires_in":1e300})",
      R"({"access_token":"a.b.c","token_type":1})",
      R"({"access_token":"a.b.c","scope":["a"]})",
      R"({"access_token":"a.b.c","access_token":"d.e.f"})",
      R"([])",
      R"("a.b.c")",
      R"({"access_token":"a.b.c"} trailing)",
      "{\"access_token\":\"a.b.\xff\"}",
      "",
      "<html>hello</html>",
  };
  for (const char* body : bodies) {
    auto token = d::parse_token_response(body, std::chrono::steady_clock::now());
    BOOST_TEST_REQUIRE(!token.ok(), body);
    BOOST_TEST(token.error().code == ErrorCode::invalid_response, body);
  }
}

BOOST_AUTO_TEST_CASE(opaque_tokens_are_recognised) {
  for (const char* token : {"2YotnFZFEjr1zCsicMWpAA", "a.b", "a.b.c.d.e", ".b.c", "a..c", "a.b+.c", "a.b.c=", "a b.c.d"}) {
    BOOST_TEST(!d::looks_like_jws(token), token);
    auto parsed = d::parse_token_response(std::string(R"({"access_token":")") + token + R"(","expires_in":60})",
                                          std::chrono::steady_clock::now());
    BOOST_TEST_REQUIRE(!parsed.ok(), token);
    BOOST_TEST(parsed.error().code == ErrorCode::opaque_token, token);
    BOOST_TEST(parsed.error().message.find("audience") != std::string::npos);
  }
  BOOST_TEST(d::looks_like_jws("a.b.c"));
  BOOST_TEST(d::looks_like_jws("a.b."));
}

BOOST_AUTO_TEST_CASE(error_answers_are_typed_and_carry_the_servers_words) {
  const std::pair<d::HttpResponse, ErrorCode> cases[] = {
      {response_with(401, R"({"error":"access_denied","error_description":"Unauthorized"})"), ErrorCode::oauth_error},
      {response_with(400, R"({"error":"invalid_request","error_description":"bad"})"), ErrorCode::oauth_error},
      {response_with(401, R"({"error":"invalid_client"})"), ErrorCode::oauth_error},
      {response_with(400, R"({"error":"invalid_grant"})"), ErrorCode::oauth_error},
      {response_with(403, R"({"error":"unauthorized_client"})"), ErrorCode::oauth_error},
      {response_with(400, R"({"error":"unsupported_grant_type"})"), ErrorCode::oauth_error},
      {response_with(403, R"({"error":"invalid_scope"})"), ErrorCode::oauth_error},
      {response_with(403, R"({"error":"requires_validation"})"), ErrorCode::oauth_error},
      {response_with(403, R"({"error":"endpoint_disabled"})"), ErrorCode::oauth_error},
      {response_with(429, R"({"error":"too_many_requests","error_description":"Global limit"})"), ErrorCode::rate_limited},
      {response_with(400, R"({"error":"too_many_requests"})"), ErrorCode::rate_limited},
      {response_with(429, "slow down"), ErrorCode::rate_limited},
      {response_with(500, R"({"error":"server_error","error_description":"boom"})"), ErrorCode::http_status},
      {response_with(503, "<html>down</html>"), ErrorCode::http_status},
      {response_with(404, "not here"), ErrorCode::http_status},
      {response_with(400, R"({"error":7})"), ErrorCode::http_status},
  };
  for (const auto& [response, code] : cases) {
    auto error = d::token_error_from_response(response, "https://t/oauth/token", "s3cret");
    BOOST_TEST(error.code == code, response.body);
    BOOST_TEST(error.message.find(std::to_string(response.status)) != std::string::npos, response.body);
  }
  auto described = d::token_error_from_response(
      response_with(401, R"({"error":"access_denied","error_description":"Unauthorized"})"), "https://t/", "x");
  BOOST_TEST(described.message.find("access_denied") != std::string::npos);
  BOOST_TEST(described.message.find("Unauthorized") != std::string::npos);
  // Auth0's 401 access_denied means wrong credentials; a 403 one is about the audience.
  BOOST_TEST(described.message.find("check the client id and its credentials") != std::string::npos, described.message);
  BOOST_TEST(described.message.find("audience") == std::string::npos, described.message);
  auto forbidden = d::token_error_from_response(
      response_with(403, R"({"error":"access_denied","error_description":"Service not enabled"})"), "https://t/", "x");
  BOOST_TEST(forbidden.message.find("audience") != std::string::npos, forbidden.message);
}

BOOST_AUTO_TEST_CASE(server_text_is_cleaned_truncated_and_never_echoes_the_secret) {
  const std::string secret = "Sup3r-s3cret-value";
  const std::string hostile = R"({"error":"invalid_client\u001b[2J","error_description":"your secret Sup3r-s3cret-value)"
                              R"( is wrong\nSup3r-\u0007s3cret-value )" + std::string(2000, 'z') + R"("})";
  auto error = d::token_error_from_response(response_with(401, hostile), "https://t/oauth/token", secret);
  BOOST_TEST(error.code == ErrorCode::oauth_error);
  BOOST_TEST(error.message.find(secret) == std::string::npos);
  BOOST_TEST(error.message.find("[redacted]") != std::string::npos);
  BOOST_TEST(error.message.find('\x1b') == std::string::npos);
  BOOST_TEST(error.message.find('\n') == std::string::npos);
  BOOST_TEST(error.message.find('\x07') == std::string::npos);
  BOOST_TEST(error.message.size() < 700u);
  auto plain = d::token_error_from_response(response_with(502, "proxy says Sup3r-s3cret-value"), "https://t/", secret);
  BOOST_TEST(plain.message.find(secret) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
