// The tenant's request parsing and fault bookkeeping, tested directly (no network): form
// decoding, token request reading (JSON, form, Basic), scope narrowing, the fault queue.
#include "testing/fault_queue.hpp"
#include "testing/form_urlencoded.hpp"
#include "testing/token_endpoint.hpp"
#include "testing/token_request.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>

using namespace jwtcheck::testing;
using namespace jwtcheck::testing::detail;

namespace {

std::string basic(std::string_view credentials) {
  std::string out(4 * ((credentials.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(credentials.data()),
                                static_cast<int>(credentials.size()));
  out.resize(static_cast<std::size_t>(n));
  return "Basic " + out;
}

TokenRequest parsed_ok(std::string_view type, std::string_view body, std::string_view authorization = {}) {
  auto parsed = parse_token_request(type, body, authorization);
  const auto* failure = std::get_if<OAuthFailure>(&parsed);
  BOOST_REQUIRE_MESSAGE(!failure, (failure ? failure->error + ": " + failure->description : std::string()));
  return std::get<TokenRequest>(parsed);
}

OAuthFailure parsed_failure(std::string_view type, std::string_view body, std::string_view authorization = {}) {
  auto parsed = parse_token_request(type, body, authorization);
  BOOST_REQUIRE_MESSAGE(std::holds_alternative<OAuthFailure>(parsed), "accepted: " << body);
  return std::get<OAuthFailure>(parsed);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tenant_internals)

BOOST_AUTO_TEST_CASE(form_decode_handles_plus_and_escapes_and_refuses_broken_ones) {
  BOOST_TEST(*form_decode("a+b%20c%2Bd%3a") == "a b c+d:");
  BOOST_TEST(*form_decode("") == "");
  BOOST_TEST(*form_decode("%00") == std::string(1, '\0'));
  for (const char* bad : {"%", "%4", "%zz", "%4g", "abc%"}) BOOST_TEST(!form_decode(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(parse_form_splits_pairs_and_refuses_repeats) {
  const auto fields = parse_form("a=1&&b=&c&d=x%3Dy");
  BOOST_REQUIRE(fields.has_value());
  BOOST_TEST(fields->at("a") == "1");
  BOOST_TEST(fields->at("b") == "");
  BOOST_TEST(fields->at("c") == "");
  BOOST_TEST(fields->at("d") == "x=y");
  BOOST_TEST(fields->size() == 4u);
  BOOST_TEST(!parse_form("a=1&a=2").has_value());
  BOOST_TEST(!parse_form("a=%").has_value());
}

BOOST_AUTO_TEST_CASE(json_requests_are_read) {
  const auto request = parsed_ok("application/json; charset=utf-8",
                                 R"({"grant_type":"client_credentials","client_id":"c","client_secret":"s",)"
                                 R"("audience":"urn:a","scope":"x y"})");
  BOOST_TEST(request.client_id == "c");
  BOOST_TEST(request.client_secret == "s");
  BOOST_TEST(*request.audience == "urn:a");
  BOOST_TEST(*request.scope == "x y");
  const auto minimal = parsed_ok("Application/JSON", R"({"grant_type":"client_credentials","client_id":"c","client_secret":"s"})");
  BOOST_TEST(!minimal.audience.has_value());
  BOOST_TEST(!minimal.scope.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_bodies_are_invalid_request) {
  for (const char* body : {"", "{", "[]", "null", R"({"grant_type":1})", R"({"a":"1","a":"2"})", "{} x"}) {
    const auto failure = parsed_failure("application/json", body);
    BOOST_TEST(failure.status == 400, body);
    BOOST_TEST(failure.error == "invalid_request", body);
  }
  const auto deep = parsed_failure("application/json", std::string(50000, '['));
  BOOST_TEST(deep.error == "invalid_request");
  BOOST_TEST(parsed_failure("", "{}").error == "invalid_request");
  BOOST_TEST(parsed_failure("application/jsonx", "{}").error == "invalid_request");
}

BOOST_AUTO_TEST_CASE(grant_type_and_client_are_checked_in_auth0s_order) {
  BOOST_TEST(parsed_failure("application/x-www-form-urlencoded", "client_id=c").description.find("grant_type") !=
             std::string::npos);
  const auto wrong = parsed_failure("application/x-www-form-urlencoded", "grant_type=authorization_code");
  BOOST_TEST(wrong.error == "unsupported_grant_type");
  BOOST_TEST(wrong.description.find("authorization_code") != std::string::npos);
  BOOST_TEST(parsed_failure("application/x-www-form-urlencoded", "grant_type=client_credentials&client_secret=s")
                 .description.find("client_id") != std::string::npos);
  const auto no_secret = parsed_failure("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=c");
  BOOST_TEST(no_secret.status == 401);
  BOOST_TEST(no_secret.error == "access_denied");
}

BOOST_AUTO_TEST_CASE(basic_credentials_are_base64_of_form_encoded_id_and_secret) {
  const auto request = parsed_ok("application/x-www-form-urlencoded", "grant_type=client_credentials",
                                 basic("my%20client:p%3Ass+w:rd"));
  BOOST_TEST(request.client_id == "my client");
  BOOST_TEST(request.client_secret == "p:ss w:rd");
  const auto same_id = parsed_ok("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=c",
                                 "basic " + basic("c:s").substr(6));
  BOOST_TEST(same_id.client_secret == "s");
  for (const std::string& bad : {std::string("Basic"), std::string("Basic !!!!"), std::string("Basic YWJj"),
                                std::string("Bearer abc"), basic("no-colon"), basic("c:%zz"),
                                "Basic " + std::string(5000, 'A')}) {
    const auto failure = parsed_failure("application/x-www-form-urlencoded", "grant_type=client_credentials", bad);
    BOOST_TEST(failure.status == 401, bad.substr(0, 40));
  }
  BOOST_TEST(parsed_failure("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=other",
                            basic("c:s"))
                 .error == "invalid_request");
}

BOOST_AUTO_TEST_CASE(granted_scope_is_the_requested_part_of_the_grant) {
  BOOST_TEST(granted_scope(std::nullopt, "a b c") == "a b c");
  BOOST_TEST(granted_scope(std::string("c a z"), "a b c") == "c a");
  BOOST_TEST(granted_scope(std::string("  a   a  "), "a b") == "a");
  BOOST_TEST(granted_scope(std::string("z"), "a b") == "");
  BOOST_TEST(granted_scope(std::string(""), "a b") == "");
  BOOST_TEST(granted_scope(std::nullopt, "") == "");
}

BOOST_AUTO_TEST_CASE(oauth_errors_are_escaped_json) {
  const auto answer = oauth_error_answer({403, "access_denied", "quote \" and \\ and \n"});
  BOOST_TEST(answer.status == 403);
  BOOST_TEST(answer.body == R"({"error":"access_denied","error_description":"quote \" and \\ and \n"})");
}

BOOST_AUTO_TEST_CASE(fault_queue_counts_down_and_orders_answers) {
  FaultQueue queue;
  Fault delay{Fault::Kind::delay, Endpoint::any, 2};
  delay.delay = std::chrono::milliseconds(10);
  queue.add(delay);
  queue.add({Fault::Kind::http_500, Endpoint::jwks, 1});
  queue.add({Fault::Kind::http_429, Endpoint::jwks, 1});
  queue.add({Fault::Kind::drop_connection, Endpoint::token, 0});  // affects nothing

  auto token = queue.take(Endpoint::token);
  BOOST_TEST(token.delay.count() == 10);
  BOOST_TEST(!token.answer.has_value());
  auto first = queue.take(Endpoint::jwks);
  BOOST_TEST(first.delay.count() == 10);
  BOOST_REQUIRE(first.answer.has_value());
  BOOST_TEST(static_cast<int>(first.answer->kind) == static_cast<int>(Fault::Kind::http_500));
  auto second = queue.take(Endpoint::jwks);
  BOOST_TEST(second.delay.count() == 0);  // the delay was used up by two requests
  BOOST_REQUIRE(second.answer.has_value());
  BOOST_TEST(static_cast<int>(second.answer->kind) == static_cast<int>(Fault::Kind::http_429));
  BOOST_TEST(!queue.take(Endpoint::jwks).answer.has_value());

  queue.add({Fault::Kind::http_500, Endpoint::discovery, -1});
  for (int i = 0; i < 5; ++i) BOOST_TEST(queue.take(Endpoint::discovery).answer.has_value());
  queue.clear();
  BOOST_TEST(!queue.take(Endpoint::discovery).answer.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
