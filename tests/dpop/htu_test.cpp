// htu against the request URL (RFC 9449 §4.3 step 9): query and fragment ignored, RFC 3986
// §6.2.2 / §6.2.3 normalisation accepted, any other path, host, port or scheme refused.
#include <jwtcheck/dpop.hpp>

#include "dpop/dpop_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

// The code of a proof whose htu is `htu`, presented for a request to `url`.
std::string htu_check(std::string_view htu, std::string_view url) {
  const TestKey& key = cached_test_key(Alg::ES256);
  const std::string proof = make_proof(key, Alg::ES256, proof_claims().set_string("htu", htu));
  DpopRequest req = request(proof);
  req.url = url;
  return code_of(make_dpop_verifier().verify(req, jkt_of(key)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_htu)

BOOST_AUTO_TEST_CASE(same_url_after_normalisation_matches) {
  const std::string_view url = "https://api.example.com/v1/reports";
  for (std::string_view htu : {
           "https://api.example.com/v1/reports",
           "HTTPS://API.Example.COM/v1/reports",       // scheme and host case
           "https://api.example.com:443/v1/reports",   // default port
           "https://api.example.com:/v1/reports",      // empty port
           "https://api.example.com/v1/%72eports",     // unreserved percent-encoded
           "https://api.example.com/v1/./x/../reports",  // dot segments
           "https://api.example.com/v1/reports?q=1",   // query ignored
           "https://api.example.com/v1/reports#frag",  // fragment ignored
       }) {
    BOOST_TEST(htu_check(htu, url) == "ok", "htu " << htu);
  }
  // The request's own query and fragment are ignored too, and percent-encoding case is normalised.
  BOOST_TEST(htu_check("https://api.example.com/a%2fb", "https://api.example.com/a%2Fb?x=%2f#y") == "ok");
  BOOST_TEST(htu_check("http://api.example.com:80", "http://API.example.com/") == "ok");
  BOOST_TEST(htu_check("https://[::1]:443/x", "https://[::1]/x") == "ok");
  BOOST_TEST(htu_check("https://api.example.com:08443/x", "https://api.example.com:8443/x") == "ok");
}

BOOST_AUTO_TEST_CASE(other_urls_do_not_match) {
  const std::string_view url = "https://api.example.com/v1/reports";
  for (std::string_view htu : {
           "https://api.example.com/v1/reports/",        // other path
           "https://api.example.com/v1/Reports",         // path case matters
           "https://api.example.com/v1/admin",
           "https://evil.example.com/v1/reports",        // other host
           "https://api.example.com.evil/v1/reports",
           "http://api.example.com/v1/reports",          // other scheme
           "https://api.example.com:8443/v1/reports",    // other port
           "https://user@api.example.com/v1/reports",    // userinfo
           "https://api.example.com/v1%2Freports",       // an encoded '/' is not a '/'
           "https://api.example.com/v1/reports%",        // bad percent-encoding
           "//api.example.com/v1/reports",               // relative
           "/v1/reports",
           "",
       }) {
    BOOST_TEST(htu_check(htu, url) == "dpop_htu_mismatch", "htu " << htu);
  }
  // A request URL that is not absolute matches nothing.
  BOOST_TEST(htu_check("https://api.example.com/v1/reports", "/v1/reports") == "dpop_htu_mismatch");
}

BOOST_AUTO_TEST_CASE(htu_missing_or_not_a_string) {
  const TestKey& key = cached_test_key(Alg::ES256);
  BOOST_TEST(code_of(make_dpop_verifier().verify(request(make_proof(key, Alg::ES256, proof_claims().remove("htu"))),
                                                 jkt_of(key))) == "dpop_htu_mismatch");
  BOOST_TEST(code_of(make_dpop_verifier().verify(request(make_proof(key, Alg::ES256, proof_claims().set("htu", "{}"))),
                                                 jkt_of(key))) == "dpop_htu_mismatch");
}

BOOST_AUTO_TEST_SUITE_END()
