// RFC 9449's own proofs (§4.1 at a token endpoint, §7.1 at a resource server with ath) verify
// with the clock pinned at their iat, and the RFC 7638 / RFC 9449 thumbprints and RFC 9449 ath
// known answers come out (values copied from the RFCs, as in tests/vectors/binding).
#include <jwtcheck/dpop.hpp>
#include <jwtcheck/key.hpp>

#include "dpop/dpop_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

// RFC 9449 §4.1, Figure 4 (line breaks removed).
constexpr std::string_view kRfcTokenEndpointProof =
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJo"
    "RjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.ey"
    "JqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0Ij"
    "oxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
// RFC 9449 §7.1, Figure 12: a proof for a protected resource, with ath.
constexpr std::string_view kRfcResourceProof =
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJo"
    "RjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.ey"
    "JqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRy"
    "ZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP"
    "35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA";
constexpr std::string_view kRfcAccessToken = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";  // RFC 9449 §7.1
constexpr std::string_view kRfcJkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";          // RFC 9449 §6.1

DpopVerifier pinned_at(std::int64_t now) {
  DpopOptions options;
  options.clock = [now] { return now; };
  return make_dpop_verifier(std::move(options));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dpop_rfc_vectors)

BOOST_AUTO_TEST_CASE(rfc9449_token_endpoint_proof_verifies_at_its_iat) {
  const DpopVerifier verifier = pinned_at(1562262616);
  const DpopRequest req{{}, kRfcTokenEndpointProof, "POST", "https://server.example.com/token", {}};
  auto proof = verifier.verify(req, {});
  BOOST_REQUIRE_MESSAGE(proof.ok(), code_of(proof) << ": " << (proof.ok() ? "" : proof.error().message));
  BOOST_TEST(proof->jkt == kRfcJkt);
  BOOST_TEST(proof->jti == "-BwC3ESc6acc2lTc");
  BOOST_TEST(proof->iat == 1562262616);
  BOOST_TEST(proof->htm == "POST");
  BOOST_TEST(proof->htu == "https://server.example.com/token");
  BOOST_TEST(proof->alg == "ES256");
  // The same proof, with the jkt an authorization request bound (dpop_jkt): still good, but once only.
  auto again = pinned_at(1562262616).verify(req, kRfcJkt);
  BOOST_TEST(again.ok(), code_of(again));
  BOOST_TEST(code_of(verifier.verify(req, {})) == "dpop_jti_replayed");
}

BOOST_AUTO_TEST_CASE(rfc9449_resource_proof_verifies_with_its_access_token_and_jkt) {
  const DpopVerifier verifier = pinned_at(1562262618);
  const DpopRequest req{kRfcAccessToken, kRfcResourceProof, "GET", "https://resource.example.org/protectedresource", {}};
  auto proof = verifier.verify(req, kRfcJkt);
  BOOST_REQUIRE_MESSAGE(proof.ok(), code_of(proof) << ": " << (proof.ok() ? "" : proof.error().message));
  BOOST_TEST(proof->jkt == kRfcJkt);
  BOOST_TEST(proof->jti == "e1j3V_bKic8-LAEB");
  // Another access token: its hash is not the proof's ath.
  DpopRequest other = req;
  other.access_token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxV";
  BOOST_TEST(code_of(pinned_at(1562262618).verify(other, kRfcJkt)) == "dpop_ath_mismatch");
  // Another bound key.
  BOOST_TEST(code_of(pinned_at(1562262618).verify(req, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")) ==
             "dpop_key_mismatch");
}

BOOST_AUTO_TEST_CASE(rfc_proofs_are_refused_outside_the_iat_window) {
  const DpopRequest req{{}, kRfcTokenEndpointProof, "POST", "https://server.example.com/token", {}};
  BOOST_TEST(code_of(pinned_at(1562262616 + 331).verify(req, {})) == "dpop_iat_invalid");  // 300 s + 30 s leeway
  BOOST_TEST(code_of(pinned_at(1562262616 - 331).verify(req, {})) == "dpop_iat_invalid");
  BOOST_TEST(code_of(pinned_at(1562262616 + 330).verify(req, {})) == "ok");
  BOOST_TEST(code_of(pinned_at(1562262616 - 330).verify(req, {})) == "ok");
}

BOOST_AUTO_TEST_CASE(rfc7638_thumbprint_of_the_rfc_rsa_key) {
  // RFC 7638 §3.1.
  auto key = parse_jwk(
      R"({"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"})");
  BOOST_REQUIRE(key.ok());
  BOOST_TEST(key->thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  // RFC 9449 §6.1: the DPoP key of its examples.
  auto ec = parse_jwk(
      R"({"kty":"EC","x":"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs","y":"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA","crv":"P-256"})");
  BOOST_REQUIRE(ec.ok());
  BOOST_TEST(ec->thumbprint() == kRfcJkt);
  // RFC 9449 §7.1: ath of the example access token (checked independently of the library here).
  BOOST_TEST(sha256_b64url(kRfcAccessToken) == "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
}

BOOST_AUTO_TEST_SUITE_END()
