// The libcurl client (lib/fetch/http_client.cpp) over real TLS against the LocalTenant, and over
// plain loopback http against a stub for answers a tenant never gives.
#include <boost/test/unit_test.hpp>

#include "fetch/fetch_fixtures.hpp"
#include "fetch/http_client.hpp"
#include "support/error_printing.hpp"

using namespace fetch_test;
using jwtcheck::ErrorCode;
using jwtcheck::Result;
using jwtcheck::testing::Endpoint;
using jwtcheck::testing::Fault;
namespace d = jwtcheck::detail;

namespace {

Result<d::HttpResponse> fetch(const jwtcheck::HttpOptions& http, const std::string& url) {
  return d::HttpClient(http).perform(d::HttpRequest{url, std::nullopt, {}, {}, 0});
}

void expect_error(const jwtcheck::Result<d::HttpResponse>& result, ErrorCode code, const std::string& context) {
  BOOST_TEST_REQUIRE(!result.ok(), context);
  BOOST_TEST(result.error().code == code, context << ": " << result.error().message);
  BOOST_TEST(!result.error().message.empty(), context);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client)

BOOST_AUTO_TEST_CASE(fetches_over_tls_with_the_tenants_ca_and_captures_headers) {
  auto& tenant = shared_tenant();
  auto response = fetch(http_for(tenant), tenant.jwks_url());
  BOOST_TEST_REQUIRE(response.ok(), (response.ok() ? "" : response.error().message));
  BOOST_TEST(response->status == 200);
  BOOST_TEST(response->body.find("\"keys\"") != std::string::npos);
  BOOST_TEST(response->header("cache-control").value_or("") == "public, max-age=600");
  BOOST_TEST(response->header("content-type").value_or("").starts_with("application/json"));
  BOOST_TEST(tenant.counts().jwks == 1);
}

BOOST_AUTO_TEST_CASE(an_untrusted_ca_fails_tls) {
  auto& tenant = shared_tenant();
  jwtcheck::testing::LocalTenantOptions other_options;
  other_options.alg = jwtcheck::Alg::ES256;  // only its CA matters
  auto other = start_tenant(other_options);
  jwtcheck::HttpOptions system_store;
  expect_error(fetch(system_store, tenant.jwks_url()), ErrorCode::tls_failed, "system store");
  expect_error(fetch(http_for(*other), tenant.jwks_url()), ErrorCode::tls_failed, "another tenant's CA");
  jwtcheck::HttpOptions missing_file = http_for(tenant);
  missing_file.ca_file = "/nonexistent/ca.pem";
  expect_error(fetch(missing_file, tenant.jwks_url()), ErrorCode::tls_failed, "missing CA file");
  BOOST_TEST(tenant.counts().jwks == 0);
}

BOOST_AUTO_TEST_CASE(the_host_name_is_verified) {
  // Listening on every address, the tenant is reachable as 127.0.0.2, a name its certificate
  // (localhost, 127.0.0.1, ::1) does not list: the handshake must fail.
  jwtcheck::testing::LocalTenantOptions options;
  options.host = "0.0.0.0";
  options.alg = jwtcheck::Alg::ES256;
  auto tenant = start_tenant(options);
  const std::string by_other_address = "https://127.0.0.2:" + std::to_string(tenant->port()) + "/.well-known/jwks.json";
  auto mismatch = fetch(http_for(*tenant), by_other_address);
  expect_error(mismatch, ErrorCode::tls_failed, "certificate for another host");
  auto match = fetch(http_for(*tenant), "https://127.0.0.1:" + std::to_string(tenant->port()) + "/.well-known/jwks.json");
  BOOST_TEST(match.ok());
  BOOST_TEST(tenant->counts().jwks == 1);
}

BOOST_AUTO_TEST_CASE(a_slow_answer_times_out) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::delay, Endpoint::jwks, 1, 2000ms});
  auto http = http_for(tenant);
  http.total_timeout = 300ms;
  const auto started = std::chrono::steady_clock::now();
  expect_error(fetch(http, tenant.jwks_url()), ErrorCode::timeout, "delay");
  BOOST_TEST((std::chrono::steady_clock::now() - started < 1500ms));
}

BOOST_AUTO_TEST_CASE(an_oversized_body_is_refused) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::oversized_body, Endpoint::jwks});
  expect_error(fetch(http_for(tenant), tenant.jwks_url()), ErrorCode::body_too_large, "oversized");
  auto small_cap = http_for(tenant);
  small_cap.max_response_bytes = 100;
  tenant.clear_faults();
  expect_error(fetch(small_cap, tenant.jwks_url()), ErrorCode::body_too_large, "cap below a normal JWKS");
}

BOOST_AUTO_TEST_CASE(a_dropped_connection_is_connect_failed) {
  auto& tenant = shared_tenant();
  tenant.add_fault(Fault{Fault::Kind::drop_connection, Endpoint::jwks, 1});
  expect_error(fetch(http_for(tenant), tenant.jwks_url()), ErrorCode::connect_failed, "drop");
  auto after = fetch(http_for(tenant), tenant.jwks_url());
  BOOST_TEST(after.ok());
}

BOOST_AUTO_TEST_CASE(a_closed_port_is_connect_failed) {
  std::string url;
  {
    StubServer stub([](httplib::Server&) {});
    url = stub.url("/.well-known/jwks.json");
  }
  expect_error(fetch(stub_http(), url), ErrorCode::connect_failed, "closed port");
}

BOOST_AUTO_TEST_CASE(an_unknown_host_is_dns_failed) {
  jwtcheck::HttpOptions http;
  http.connect_timeout = 3s;
  expect_error(fetch(http, "https://no-such-tenant.invalid/.well-known/jwks.json"), ErrorCode::dns_failed, "dns");
}

BOOST_AUTO_TEST_CASE(insecure_and_invalid_urls_never_reach_the_network) {
  expect_error(fetch({}, "http://tenant.example.com/.well-known/jwks.json"), ErrorCode::insecure_url, "http public");
  expect_error(fetch(stub_http(), "http://tenant.example.com/"), ErrorCode::insecure_url, "http public, opt-in");
  expect_error(fetch({}, "http://127.0.0.1:1/"), ErrorCode::insecure_url, "http loopback without opt-in");
  expect_error(fetch({}, "https://user:pw@tenant.example.com/"), ErrorCode::invalid_url, "userinfo");
  expect_error(fetch({}, "file:///etc/passwd"), ErrorCode::invalid_url, "file");
  expect_error(fetch({}, "ftp://tenant.example.com/"), ErrorCode::invalid_url, "ftp");
}

BOOST_AUTO_TEST_CASE(plain_http_to_loopback_works_on_opt_in) {
  StubServer stub([](httplib::Server& s) {
    s.Get("/ok", [](const httplib::Request&, httplib::Response& res) { res.set_content("{}", "application/json"); });
  });
  auto response = fetch(stub_http(), stub.url("/ok"));
  BOOST_TEST_REQUIRE(response.ok(), (response.ok() ? "" : response.error().message));
  BOOST_TEST(response->status == 200);
  BOOST_TEST(response->body == "{}");
  expect_error(fetch(stub_http(), stub.https_url("/ok")), ErrorCode::tls_failed, "https to a plain http server");
}

BOOST_AUTO_TEST_CASE(redirects_are_refused_and_say_where_they_pointed) {
  std::atomic<int> target_hits{0};
  StubServer stub([&](httplib::Server& s) {
    s.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", "https://evil.example.com/jwks.json");
    });
    s.Get("/target", [&](const httplib::Request&, httplib::Response& res) {
      ++target_hits;
      res.set_content("{}", "application/json");
    });
    s.Get("/local", [](const httplib::Request&, httplib::Response& res) {
      res.status = 307;
      res.set_header("Location", "/target");
    });
  });
  auto moved = fetch(stub_http(), stub.url("/moved"));
  expect_error(moved, ErrorCode::http_status, "302");
  BOOST_TEST(moved.error().message.find("302") != std::string::npos);
  BOOST_TEST(moved.error().message.find("https://evil.example.com/jwks.json") != std::string::npos);
  expect_error(fetch(stub_http(), stub.url("/local")), ErrorCode::http_status, "307");
  BOOST_TEST(target_hits.load() == 0);
}

BOOST_AUTO_TEST_CASE(error_statuses_are_returned_for_the_caller_to_judge) {
  StubServer stub([](httplib::Server& s) {
    s.Get("/teapot", [](const httplib::Request&, httplib::Response& res) {
      res.status = 418;
      res.set_content("short and stout", "text/plain");
    });
  });
  auto response = fetch(stub_http(), stub.url("/teapot"));
  BOOST_TEST_REQUIRE(response.ok());
  BOOST_TEST(response->status == 418);
  auto error = d::unexpected_status("JWKS download failed", stub.url("/teapot"), *response);
  BOOST_TEST(error.code == ErrorCode::http_status);
  BOOST_TEST(error.message.find("418") != std::string::npos);
  BOOST_TEST(error.message.find("short and stout") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_chunked_body_over_the_cap_is_cut_off) {
  StubServer stub([](httplib::Server& s) {
    s.Get("/stream", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/json", [](size_t, httplib::DataSink& sink) {
        const std::string chunk(64 * 1024, 'x');
        for (int i = 0; i < 64; ++i) {
          if (!sink.write(chunk.data(), chunk.size())) return false;
        }
        sink.done();
        return true;
      });
    });
  });
  auto http = stub_http();
  http.max_response_bytes = 256 * 1024;
  expect_error(fetch(http, stub.url("/stream")), ErrorCode::body_too_large, "chunked");
}

BOOST_AUTO_TEST_CASE(a_large_content_length_is_refused_before_the_body) {
  StubServer stub([](httplib::Server& s) {
    s.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(300 * 1024, 'x'), "application/json");
    });
  });
  auto http = stub_http();
  http.max_response_bytes = 1024;
  auto result = fetch(http, stub.url("/big"));
  expect_error(result, ErrorCode::body_too_large, "content-length");
  BOOST_TEST(result.error().message.find("1024") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(oversized_headers_are_refused) {
  StubServer stub([](httplib::Server& s) {
    s.Get("/headers", [](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 40; ++i) res.set_header("X-Filler-" + std::to_string(i), std::string(1000, 'h'));
      res.set_content("{}", "application/json");
    });
  });
  expect_error(fetch(stub_http(), stub.url("/headers")), ErrorCode::body_too_large, "headers");
}

BOOST_AUTO_TEST_CASE(requests_say_who_they_are_and_what_they_accept) {
  std::string agent, accept, content_type, authorization, body;
  StubServer stub([&](httplib::Server& s) {
    s.Post("/echo", [&](const httplib::Request& req, httplib::Response& res) {
      agent = req.get_header_value("User-Agent");
      accept = req.get_header_value("Accept");
      content_type = req.get_header_value("Content-Type");
      authorization = req.get_header_value("Authorization");
      body = req.body;
      res.set_content("{}", "application/json");
    });
  });
  const std::string url = stub.url("/echo");
  auto response = d::HttpClient(stub_http()).perform(
      d::HttpRequest{url, std::string_view("{\"a\":1}"), "application/json", "Basic eDp5", 0});
  BOOST_TEST_REQUIRE(response.ok(), (response.ok() ? "" : response.error().message));
  BOOST_TEST(agent.starts_with("jwtcheck/0.1.0 libcurl/"));
  BOOST_TEST(agent == d::user_agent());
  BOOST_TEST(accept == "application/json");
  BOOST_TEST(content_type == "application/json");
  BOOST_TEST(authorization == "Basic eDp5");
  BOOST_TEST(body == "{\"a\":1}");
}

BOOST_AUTO_TEST_SUITE_END()
