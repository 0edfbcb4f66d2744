// Limits on HTTP answers, at their boundaries: HttpOptions::max_response_bytes (with and without
// Content-Length) and HttpOptions::max_header_bytes, both refused as body_too_large. The server
// sends byte-exact responses (raw_http_server.hpp).
#include <jwtcheck/fetch/http_options.hpp>

#include "fetch/http_client.hpp"
#include "limits/raw_http_server.hpp"
#include "support/error_printing.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

namespace {

using jwtcheck::ErrorCode;
using limits_test::RawHttpServer;
using namespace std::chrono_literals;

jwtcheck::HttpOptions loopback_options(std::size_t max_body, std::size_t max_headers) {
  jwtcheck::HttpOptions http;
  http.allow_http_loopback = true;
  http.connect_timeout = 2s;
  http.total_timeout = 5s;
  http.max_response_bytes = max_body;
  http.max_header_bytes = max_headers;
  return http;
}

jwtcheck::Result<jwtcheck::detail::HttpResponse> get(const RawHttpServer& server, const jwtcheck::HttpOptions& http) {
  const std::string url = server.url();
  jwtcheck::detail::HttpClient client(http);
  jwtcheck::detail::HttpRequest request;
  request.url = url;
  return client.perform(request);
}

std::string with_length(std::size_t body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body) +
         "\r\nConnection: close\r\n\r\n" + std::string(body, 'b');
}

std::string until_close(std::size_t body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + std::string(body, 'b');
}

// A response whose head (status line, headers, blank line) is exactly `head` bytes.
std::string head_of_size(std::size_t head) {
  const std::string start = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\nX-Fill: ";
  const std::string end = "\r\n\r\n";
  return start + std::string(head - start.size() - end.size(), 'h') + end + "{}";
}

void expect_too_large(const jwtcheck::Result<jwtcheck::detail::HttpResponse>& result) {
  BOOST_TEST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == ErrorCode::body_too_large, result.error().message);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_limits)

BOOST_AUTO_TEST_CASE(the_defaults_are_documented_values) {
  const jwtcheck::HttpOptions http;
  BOOST_TEST(http.max_response_bytes == 1024u * 1024u);
  BOOST_TEST(http.max_header_bytes == 32u * 1024u);
}

BOOST_AUTO_TEST_CASE(a_body_of_exactly_the_cap_with_content_length_is_read_and_one_more_byte_is_refused) {
  RawHttpServer at_limit(with_length(1000));
  auto accepted = get(at_limit, loopback_options(1000, 32 * 1024));
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->body.size() == 1000u);
  RawHttpServer over(with_length(1001));
  expect_too_large(get(over, loopback_options(1000, 32 * 1024)));
}

BOOST_AUTO_TEST_CASE(a_body_of_exactly_the_cap_without_content_length_is_read_and_one_more_byte_is_refused) {
  RawHttpServer at_limit(until_close(1000));
  auto accepted = get(at_limit, loopback_options(1000, 32 * 1024));
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->body.size() == 1000u);
  RawHttpServer over(until_close(1001));
  expect_too_large(get(over, loopback_options(1000, 32 * 1024)));
}

BOOST_AUTO_TEST_CASE(the_default_body_cap_holds_at_one_mebibyte) {
  RawHttpServer at_limit(until_close(1024 * 1024));
  auto accepted = get(at_limit, loopback_options(1024 * 1024, 32 * 1024));
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->body.size() == 1024u * 1024u);
  RawHttpServer over(until_close(1024 * 1024 + 1));
  expect_too_large(get(over, loopback_options(jwtcheck::HttpOptions{}.max_response_bytes, 32 * 1024)));
}

BOOST_AUTO_TEST_CASE(headers_of_exactly_the_cap_are_read_and_one_more_byte_is_refused) {
  RawHttpServer at_limit(head_of_size(2000));
  auto accepted = get(at_limit, loopback_options(1000, 2000));
  BOOST_TEST_REQUIRE(accepted.ok(), (accepted.ok() ? "" : accepted.error().message));
  BOOST_TEST(accepted->body == "{}");
  RawHttpServer over(head_of_size(2001));
  expect_too_large(get(over, loopback_options(1000, 2000)));
}

BOOST_AUTO_TEST_SUITE_END()
