// Which URLs the fetch module accepts (lib/fetch/url.cpp) and discovery URLs (lib/fetch/discovery.cpp).
#include <boost/test/unit_test.hpp>

#include <jwtcheck/fetch/token_client.hpp>

#include "fetch/discovery.hpp"
#include "fetch/url.hpp"
#include "support/error_printing.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

using jwtcheck::DiscoveryKind;
using jwtcheck::ErrorCode;
using jwtcheck::HttpOptions;
namespace d = jwtcheck::detail;

namespace {
// A discovery document from tests/vectors/discovery/; a missing file fails the test.
std::string discovery_vector(const std::string& name) {
  const char* dir = std::getenv("JWTCHECK_VECTORS_DIR");
  if (dir == nullptr) throw std::runtime_error("JWTCHECK_VECTORS_DIR is not set");
  std::ifstream in(std::string(dir) + "/discovery/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read discovery vector " + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

HttpOptions loopback_http_allowed() {
  HttpOptions http;
  http.allow_http_loopback = true;
  return http;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(url)

BOOST_AUTO_TEST_CASE(https_urls_are_accepted_and_normalised) {
  auto checked = d::check_url("https://Tenant.Example.com/.well-known/jwks.json", {});
  BOOST_TEST_REQUIRE(checked.ok());
  BOOST_TEST(checked->scheme == "https");
  BOOST_TEST(checked->path == "/.well-known/jwks.json");
  BOOST_TEST(!checked->loopback);
  BOOST_TEST(!checked->has_query);
}

BOOST_AUTO_TEST_CASE(plain_http_to_a_public_host_is_insecure_even_with_the_loopback_opt_in) {
  for (const char* url : {"http://tenant.example.com/oauth/token", "http://10.0.0.1/", "http://127.0.0.1.evil.com/",
                          "http://[::2]/", "http://localhost.evil.com/"}) {
    auto checked = d::check_url(url, loopback_http_allowed());
    BOOST_TEST_REQUIRE(!checked.ok(), url);
    BOOST_TEST(checked.error().code == ErrorCode::insecure_url, url);
  }
}

BOOST_AUTO_TEST_CASE(plain_http_to_loopback_needs_the_opt_in) {
  for (const char* url : {"http://127.0.0.1:8080/x", "http://127.1.2.3/", "http://localhost:1/", "http://[::1]:9/"}) {
    auto refused = d::check_url(url, {});
    BOOST_TEST_REQUIRE(!refused.ok(), url);
    BOOST_TEST(refused.error().code == ErrorCode::insecure_url, url);
    BOOST_TEST(refused.error().message.find("opt-in") != std::string::npos, url);
    auto allowed = d::check_url(url, loopback_http_allowed());
    BOOST_TEST_REQUIRE(allowed.ok(), url);
    BOOST_TEST(allowed->loopback, url);
  }
}

BOOST_AUTO_TEST_CASE(userinfo_is_refused_without_echoing_it) {
  for (const char* url : {"https://user:hunter2@tenant.example.com/", "https://hunter2@tenant.example.com/",
                          "https://:hunter2@tenant.example.com/"}) {
    auto checked = d::check_url(url, {});
    BOOST_TEST_REQUIRE(!checked.ok(), url);
    BOOST_TEST(checked.error().code == ErrorCode::invalid_url, url);
    BOOST_TEST(checked.error().message.find("hunter2") == std::string::npos, url);
  }
  auto domain = d::origin_for_domain("user:hunter2@tenant.example.com", {});
  BOOST_TEST_REQUIRE(!domain.ok());
  BOOST_TEST(domain.error().code == ErrorCode::invalid_url);
  BOOST_TEST(domain.error().message.find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(other_schemes_and_broken_urls_are_invalid) {
  for (const char* url : {"ftp://tenant.example.com/jwks.json", "file:///etc/passwd", "ldap://x/", "gopher://x/",
                          "tenant.example.com/jwks.json", "https://", "https:///path", "", "https://a b/",
                          "https://tenant.example.com/\n", "https://tenant.example.com/#frag", "javascript:alert(1)"}) {
    auto checked = d::check_url(url, loopback_http_allowed());
    BOOST_TEST_REQUIRE(!checked.ok(), url);
    BOOST_TEST(checked.error().code == ErrorCode::invalid_url, url);
    BOOST_TEST(!checked.error().message.empty(), url);
  }
  auto too_long = d::check_url("https://tenant.example.com/" + std::string(5000, 'a'), {});
  BOOST_TEST_REQUIRE(!too_long.ok());
  BOOST_TEST(too_long.error().code == ErrorCode::invalid_url);
}

BOOST_AUTO_TEST_CASE(loopback_detection) {
  BOOST_TEST(d::is_loopback_host("127.0.0.1"));
  BOOST_TEST(d::is_loopback_host("127.255.0.9"));
  BOOST_TEST(d::is_loopback_host("LOCALHOST"));
  BOOST_TEST(d::is_loopback_host("[::1]"));
  BOOST_TEST(!d::is_loopback_host("128.0.0.1"));
  BOOST_TEST(!d::is_loopback_host("127.0.0.1.nip.io"));
  BOOST_TEST(!d::is_loopback_host("[::ffff:7f00:1]"));
  BOOST_TEST(!d::is_loopback_host("::1"));
  BOOST_TEST(!d::is_loopback_host(""));
}

BOOST_AUTO_TEST_CASE(tenant_domains_become_https_origins) {
  auto plain = d::origin_for_domain("dev-abc.us.auth0.com", {});
  BOOST_TEST_REQUIRE(plain.ok());
  BOOST_TEST(*plain == "https://dev-abc.us.auth0.com");
  auto with_port = d::origin_for_domain("127.0.0.1:8443", {});
  BOOST_TEST_REQUIRE(with_port.ok());
  BOOST_TEST(*with_port == "https://127.0.0.1:8443");
  auto as_url = d::origin_for_domain("https://dev-abc.us.auth0.com/", {});
  BOOST_TEST_REQUIRE(as_url.ok());
  BOOST_TEST(*as_url == "https://dev-abc.us.auth0.com");
  auto token_url = jwtcheck::token_url_for_domain("dev-abc.us.auth0.com");
  BOOST_TEST_REQUIRE(token_url.ok());
  BOOST_TEST(*token_url == "https://dev-abc.us.auth0.com/oauth/token");
}

BOOST_AUTO_TEST_CASE(tenant_domains_with_paths_or_junk_are_refused) {
  for (const char* domain : {"", "tenant.example.com/oauth", "https://tenant.example.com/oauth/token",
                             "https://tenant.example.com/?x=1", "tenant.example.com?x", "tenant example.com",
                             "tenant.example.com#x", "ftp://tenant.example.com"}) {
    auto origin = d::origin_for_domain(domain, {});
    BOOST_TEST_REQUIRE(!origin.ok(), domain);
    BOOST_TEST(origin.error().code == ErrorCode::invalid_url, domain);
  }
  auto http = d::origin_for_domain("http://tenant.example.com", loopback_http_allowed());
  BOOST_TEST_REQUIRE(!http.ok());
  BOOST_TEST(http.error().code == ErrorCode::insecure_url);
}

BOOST_AUTO_TEST_CASE(discovery_urls_follow_oidc_and_rfc8414) {
  auto oidc = d::discovery_url("https://tenant.example.com/", DiscoveryKind::openid_configuration, {});
  BOOST_TEST_REQUIRE(oidc.ok());
  BOOST_TEST(*oidc == "https://tenant.example.com/.well-known/openid-configuration");
  auto oidc_path = d::discovery_url("https://idp.example.com/realms/x", DiscoveryKind::openid_configuration, {});
  BOOST_TEST_REQUIRE(oidc_path.ok());
  BOOST_TEST(*oidc_path == "https://idp.example.com/realms/x/.well-known/openid-configuration");
  auto oauth = d::discovery_url("https://tenant.example.com/", DiscoveryKind::oauth_authorization_server, {});
  BOOST_TEST_REQUIRE(oauth.ok());
  BOOST_TEST(*oauth == "https://tenant.example.com/.well-known/oauth-authorization-server");
  auto oauth_path = d::discovery_url("https://idp.example.com/tenant1", DiscoveryKind::oauth_authorization_server, {});
  BOOST_TEST_REQUIRE(oauth_path.ok());
  BOOST_TEST(*oauth_path == "https://idp.example.com/.well-known/oauth-authorization-server/tenant1");
}

BOOST_AUTO_TEST_CASE(discovery_needs_an_https_issuer_without_query) {
  auto http = d::discovery_url("http://tenant.example.com/", DiscoveryKind::openid_configuration, {});
  BOOST_TEST_REQUIRE(!http.ok());
  BOOST_TEST(http.error().code == ErrorCode::insecure_url);
  auto query = d::discovery_url("https://tenant.example.com/?a=b", DiscoveryKind::openid_configuration, {});
  BOOST_TEST_REQUIRE(!query.ok());
  BOOST_TEST(query.error().code == ErrorCode::invalid_url);
}

BOOST_AUTO_TEST_CASE(discovery_document_issuer_must_match_exactly_and_jwks_uri_be_https) {
  const std::string issuer = "https://tenant.example.com/";
  auto good = d::jwks_uri_from_discovery(
      R"({"issuer":"https://tenant.example.com/","jwks_uri":"https://tenant.example.com/.well-known/jwks.json"})",
      issuer, {});
  BOOST_TEST_REQUIRE(good.ok());
  BOOST_TEST(*good == "https://tenant.example.com/.well-known/jwks.json");

  auto no_slash = d::jwks_uri_from_discovery(
      R"({"issuer":"https://tenant.example.com","jwks_uri":"https://tenant.example.com/jwks"})", issuer, {});
  BOOST_TEST_REQUIRE(!no_slash.ok());
  BOOST_TEST(no_slash.error().code == ErrorCode::issuer_mismatch);

  auto http_jwks = d::jwks_uri_from_discovery(
      R"({"issuer":"https://tenant.example.com/","jwks_uri":"http://tenant.example.com/jwks"})", issuer, {});
  BOOST_TEST_REQUIRE(!http_jwks.ok());
  BOOST_TEST(http_jwks.error().code == ErrorCode::insecure_url);

  const std::pair<const char*, ErrorCode> broken[] = {
      {R"({"jwks_uri":"https://tenant.example.com/jwks"})", ErrorCode::invalid_response},
      {R"({"issuer":"https://tenant.example.com/"})", ErrorCode::invalid_response},
      {R"({"issuer":"https://tenant.example.com/","jwks_uri":7})", ErrorCode::invalid_response},
      {R"({"issuer":["https://tenant.example.com/"],"jwks_uri":"https://t/j"})", ErrorCode::invalid_response},
      {R"(["issuer"])", ErrorCode::invalid_response},
      {R"({"issuer":"https://tenant.example.com/",)", ErrorCode::invalid_response},
      {R"({"issuer":"https://evil/","issuer":"https://tenant.example.com/","jwks_uri":"https://t/j"})",
       ErrorCode::invalid_response},
      {R"({"issuer":"https://tenant.example.com/","jwks_uri":"ftp://t/j"})", ErrorCode::invalid_url},
  };
  for (const auto& [document, code] : broken) {
    auto result = d::jwks_uri_from_discovery(document, issuer, {});
    BOOST_TEST_REQUIRE(!result.ok(), document);
    BOOST_TEST(result.error().code == code, document);
  }
}

BOOST_AUTO_TEST_CASE(real_discovery_documents_give_their_jwks_uri) {
  // Every member Auth0 publishes, in one line, as Auth0 serves it.
  auto auth0 = d::jwks_uri_from_discovery(discovery_vector("auth0-openid-configuration.json"),
                                          "https://tenant.example/", {});
  BOOST_TEST_REQUIRE(auth0.ok());
  BOOST_TEST(*auth0 == "https://tenant.example/.well-known/jwks.json");

  // RFC 8414 section 3.2, verbatim: pretty-printed, an issuer without a trailing slash, and an
  // http:// member (service_documentation) that is not the jwks_uri and so is no reason to refuse.
  const std::string rfc8414 = discovery_vector("rfc8414-example.json");
  auto example = d::jwks_uri_from_discovery(rfc8414, "https://server.example.com", {});
  BOOST_TEST_REQUIRE(example.ok());
  BOOST_TEST(*example == "https://server.example.com/jwks.json");
  // The same document fetched for the issuer with a slash is another issuer's metadata.
  auto slash = d::jwks_uri_from_discovery(rfc8414, "https://server.example.com/", {});
  BOOST_TEST_REQUIRE(!slash.ok());
  BOOST_TEST(slash.error().code == ErrorCode::issuer_mismatch);
}

BOOST_AUTO_TEST_SUITE_END()
