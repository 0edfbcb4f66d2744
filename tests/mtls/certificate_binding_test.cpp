// Certificate-bound access tokens (RFC 8705 §3) through jwtcheck/certificate_binding.hpp: the
// thumbprint against an independent implementation, DER and PEM input, every binding mode, and
// each refusal with its own code.
#include <jwtcheck/certificate_binding.hpp>

#include "mtls/client_certificate.hpp"
#include "verify/verify_fixture.hpp"

#include <openssl/err.h>
#include <openssl/provider.h>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

const TestKey& token_key() { return cached_test_key(Alg::RS256); }

// A verified access token whose cnf is `cnf_json` (raw JSON; empty: no cnf).
VerifiedToken verified(const std::string& cnf_json) {
  ClaimsJson claims = auth0_claims();
  if (!cnf_json.empty()) claims.set("cnf", cnf_json);
  const Verifier verifier = make_verifier(key_set_of({&token_key()}));
  auto token = verifier.verify(auth0_token(token_key(), Alg::RS256, claims));
  BOOST_REQUIRE_MESSAGE(token.ok(), (token.ok() ? std::string() : token.error().message));
  return *token;
}

VerifiedToken bound_to(const std::string& thumbprint) { return verified("{\"x5t#S256\":\"" + thumbprint + "\"}"); }

template <class T>
std::string code_of(const Result<T>& result) {
  return result.ok() ? std::string("ok") : std::string(code_name(result.error().code));
}

const ClientCertificate& client() {
  static const ClientCertificate certificate = make_client_certificate("client-one");
  return certificate;
}

const ClientCertificate& other_client() {
  static const ClientCertificate certificate = make_client_certificate("client-two");
  return certificate;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mtls_thumbprint)

BOOST_AUTO_TEST_CASE(matches_python_cryptography_for_pem_and_der) {
  const std::string independent = python_thumbprint(client().pem);
  BOOST_REQUIRE_EQUAL(independent.size(), 43u);
  auto from_pem = certificate_thumbprint(client().pem);
  auto from_der = certificate_thumbprint(client().der);
  BOOST_REQUIRE(from_pem.ok());
  BOOST_REQUIRE(from_der.ok());
  BOOST_TEST(*from_pem == independent);
  BOOST_TEST(*from_der == independent);
  // Another certificate, another thumbprint.
  BOOST_TEST(*certificate_thumbprint(other_client().pem) == python_thumbprint(other_client().pem));
  BOOST_TEST(*certificate_thumbprint(other_client().pem) != independent);
}

BOOST_AUTO_TEST_CASE(first_certificate_of_a_pem_chain) {
  BOOST_TEST(*certificate_thumbprint(client().pem + other_client().pem) == *certificate_thumbprint(client().pem));
}

BOOST_AUTO_TEST_CASE(malformed_certificates_each_refused) {
  BOOST_TEST(code_of(certificate_thumbprint("")) == "mtls_certificate_missing");
  BOOST_TEST(code_of(certificate_thumbprint("not a certificate")) == "mtls_certificate_malformed");
  BOOST_TEST(code_of(certificate_thumbprint(client().der + "x")) == "mtls_certificate_malformed");  // trailing bytes
  BOOST_TEST(code_of(certificate_thumbprint(client().der.substr(0, client().der.size() - 1))) ==
             "mtls_certificate_malformed");  // truncated
  BOOST_TEST(code_of(certificate_thumbprint("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")) ==
             "mtls_certificate_malformed");
  BOOST_TEST(code_of(certificate_thumbprint("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")) ==
             "mtls_certificate_malformed");
  // Oversized: refused unread, whatever it holds.
  CertificateBindingOptions small;
  small.max_certificate_bytes = client().der.size() - 1;
  auto oversized = certificate_thumbprint(client().der, small);
  BOOST_TEST(code_of(oversized) == "mtls_certificate_malformed");
  BOOST_TEST(oversized.error().message.find("limit") != std::string::npos);
  BOOST_TEST(code_of(certificate_thumbprint(std::string(20000, 'A'))) == "mtls_certificate_malformed");
  BOOST_TEST(ERR_peek_error() == 0UL);
}

BOOST_AUTO_TEST_CASE(openssl_context_and_property_query) {
  std::unique_ptr<OSSL_LIB_CTX, decltype(&OSSL_LIB_CTX_free)> own(OSSL_LIB_CTX_new(), OSSL_LIB_CTX_free);
  BOOST_REQUIRE(own);
  OSSL_PROVIDER* provider = OSSL_PROVIDER_load(own.get(), "default");
  BOOST_REQUIRE(provider != nullptr);
  CertificateBindingOptions options;
  options.openssl_libctx = own.get();
  options.openssl_properties = "provider=default";
  auto ok = certificate_thumbprint(client().pem, options);
  BOOST_REQUIRE(ok.ok());
  BOOST_TEST(*ok == python_thumbprint(client().pem));
  options.openssl_properties = "fips=yes";
  auto fips = certificate_thumbprint(client().pem, options);
  BOOST_TEST(code_of(fips) == "invalid_policy");
  BOOST_TEST(ERR_peek_error() == 0UL);
  OSSL_PROVIDER_unload(provider);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mtls_binding)

BOOST_AUTO_TEST_CASE(bound_token_with_its_certificate_passes) {
  const std::string x5t = python_thumbprint(client().pem);
  const VerifiedToken token = bound_to(x5t);
  BOOST_TEST(certificate_bound_thumbprint(token)->value_or("") == x5t);
  for (BindingMode mode : {BindingMode::allowed, BindingMode::required}) {
    for (const std::string* certificate : {&client().pem, &client().der}) {
      auto binding = check_certificate_binding(token, *certificate, mode);
      BOOST_REQUIRE(binding.ok());
      BOOST_TEST(binding->token_bound);
      BOOST_TEST(binding->certificate_thumbprint == x5t);
    }
  }
}

BOOST_AUTO_TEST_CASE(refusals_each_with_their_code) {
  const VerifiedToken bound = bound_to(python_thumbprint(client().pem));
  const VerifiedToken bearer = verified("");
  // Another client's certificate.
  auto other = check_certificate_binding(bound, other_client().pem, BindingMode::allowed);
  BOOST_TEST(code_of(other) == "mtls_thumbprint_mismatch");
  // A bound token without a certificate: refused in every mode.
  for (BindingMode mode : {BindingMode::off, BindingMode::allowed, BindingMode::required})
    BOOST_TEST(code_of(check_certificate_binding(bound, "", mode)) == "mtls_bound_token_without_certificate");
  BOOST_TEST(code_of(check_certificate_binding(bound, client().pem, BindingMode::off)) == "mtls_disabled");
  BOOST_TEST(code_of(check_certificate_binding(bound, "garbage", BindingMode::allowed)) == "mtls_certificate_malformed");
  // A bearer token under required, with or without a certificate.
  BOOST_TEST(code_of(check_certificate_binding(bearer, "", BindingMode::required)) == "mtls_binding_required");
  BOOST_TEST(code_of(check_certificate_binding(bearer, client().pem, BindingMode::required)) == "mtls_binding_required");
}

BOOST_AUTO_TEST_CASE(bearer_tokens_pass_under_off_and_allowed) {
  const VerifiedToken bearer = verified("");
  for (BindingMode mode : {BindingMode::off, BindingMode::allowed}) {
    for (std::string_view certificate : {std::string_view(), std::string_view(client().pem), std::string_view("junk")}) {
      auto binding = check_certificate_binding(bearer, certificate, mode);
      BOOST_REQUIRE(binding.ok());
      BOOST_TEST(!binding->token_bound);
      BOOST_TEST(binding->certificate_thumbprint.empty());  // not looked at
    }
  }
  // A DPoP-bound token (cnf.jkt only) is no certificate-bound token.
  const VerifiedToken dpop = verified(R"({"jkt":"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"})");
  BOOST_TEST(!certificate_bound_thumbprint(dpop)->has_value());
  BOOST_TEST(!check_certificate_binding(dpop, "", BindingMode::allowed)->token_bound);
}

BOOST_AUTO_TEST_CASE(malformed_cnf_refused) {
  const std::string good = python_thumbprint(client().pem);
  for (const std::string& cnf : {std::string(R"("a string")"), std::string(R"(["x5t#S256"])"),
                                 std::string(R"({"x5t#S256":42})"), std::string(R"({"x5t#S256":""})"),
                                 std::string(R"({"x5t#S256":")") + good.substr(0, 42) + "\"}",
                                 std::string(R"({"x5t#S256":")") + good + "A\"}",
                                 std::string(R"({"x5t#S256":")") + good.substr(0, 42) + "+\"}"}) {
    BOOST_TEST_CONTEXT("cnf " << cnf) {
      const VerifiedToken token = verified(cnf);
      BOOST_TEST(code_of(certificate_bound_thumbprint(token)) == "mtls_cnf_malformed");
      BOOST_TEST(code_of(check_certificate_binding(token, client().pem, BindingMode::allowed)) == "mtls_cnf_malformed");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_thumbprint_one_character_off_is_refused) {
  std::string x5t = python_thumbprint(client().pem);
  x5t[10] = x5t[10] == 'A' ? 'B' : 'A';
  BOOST_TEST(code_of(check_certificate_binding(bound_to(x5t), client().pem, BindingMode::allowed)) ==
             "mtls_thumbprint_mismatch");
}

BOOST_AUTO_TEST_SUITE_END()
