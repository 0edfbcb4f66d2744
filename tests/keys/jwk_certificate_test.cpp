// A JWK's "x5c" (RFC 7517 §4.7): the key in its first certificate MUST match the key the other
// members describe. A JWK whose certificate holds another key is contradictory (a verifier that
// trusts x5c would use a different key than one that trusts n/e): it is refused (invalid_key),
// and skipped from a JWKS. A malformed x5c is refused the same way.
#include "keys/jwk_edit.hpp"
#include "support/error_printing.hpp"
#include "support/openssl_ptr.hpp"
#include "support/test_keys.hpp"

#include <jwtcheck/key.hpp>
#include <jwtcheck/key_set.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <stdexcept>

using namespace jwtcheck;
using jwtcheck::test::cached_test_key;
using jwtcheck::test::jwk_with;
using jwtcheck::test::quoted;

namespace {

// A self-signed certificate over `pkey` (a private key), as the standard base64 of its DER.
std::string self_signed_base64(EVP_PKEY* pkey) {
  test::X509Ptr cert(X509_new());
  if (!cert) throw std::runtime_error("X509_new");
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("jwk"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_set_pubkey(cert.get(), pkey) != 1) throw std::runtime_error("X509_set_pubkey");
  const bool eddsa = EVP_PKEY_is_a(pkey, "ED25519") || EVP_PKEY_is_a(pkey, "ED448");
  if (X509_sign(cert.get(), pkey, eddsa ? nullptr : EVP_sha256()) == 0) throw std::runtime_error("X509_sign");
  unsigned char* der = nullptr;
  const int length = i2d_X509(cert.get(), &der);
  if (length <= 0) throw std::runtime_error("i2d_X509");
  std::string out(4 * ((static_cast<std::size_t>(length) + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), der, length);
  OPENSSL_free(der);
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string with_x5c(const std::string& jwk, const std::string& x5c_json) { return jwk_with(jwk, "x5c", x5c_json); }

void expect_invalid(const Result<Key>& result, const std::string& what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST(!result.ok(), "the JWK parsed");
    if (!result.ok()) {
      BOOST_TEST(result.error().code == ErrorCode::invalid_key, result.error().message);
      BOOST_TEST(result.error().message.find("x5c") != std::string::npos, result.error().message);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(jwk_certificate)

BOOST_AUTO_TEST_CASE(a_certificate_of_the_same_key_is_accepted) {
  for (Alg alg : {Alg::RS256, Alg::ES256, Alg::ES384, Alg::EdDSA}) {
    const auto& key = cached_test_key(alg);
    const std::string cert = self_signed_base64(key.pkey.get());
    auto parsed = parse_jwk(with_x5c(key.public_jwk, "[" + quoted(cert) + "]"));
    BOOST_TEST(parsed.ok(), alg_name(alg) << ": " << (parsed.ok() ? "" : parsed.error().message));
    // Further certificates of the chain are the issuers': only the first is the key's.
    const std::string other = self_signed_base64(cached_test_key(Alg::ES512).pkey.get());
    auto chain = parse_jwk(with_x5c(key.public_jwk, "[" + quoted(cert) + "," + quoted(other) + "]"));
    BOOST_TEST(chain.ok(), alg_name(alg) << ": " << (chain.ok() ? "" : chain.error().message));
  }
}

BOOST_AUTO_TEST_CASE(a_certificate_of_another_key_is_refused) {
  const auto attacker = test::generate_test_key(Alg::RS256, "attacker");
  const std::string attacker_cert = self_signed_base64(attacker.pkey.get());
  const std::string ec_cert = self_signed_base64(cached_test_key(Alg::ES256).pkey.get());
  expect_invalid(parse_jwk(with_x5c(cached_test_key(Alg::RS256).public_jwk, "[" + quoted(attacker_cert) + "]")),
                 "RSA JWK, another RSA key's certificate");
  expect_invalid(parse_jwk(with_x5c(cached_test_key(Alg::RS256).public_jwk, "[" + quoted(ec_cert) + "]")),
                 "RSA JWK, an EC key's certificate");
  expect_invalid(parse_jwk(with_x5c(cached_test_key(Alg::ES384).public_jwk, "[" + quoted(ec_cert) + "]")),
                 "P-384 JWK, a P-256 key's certificate");
}

BOOST_AUTO_TEST_CASE(a_malformed_x5c_is_refused) {
  const std::string& jwk = cached_test_key(Alg::ES256).public_jwk;
  const std::string cert = self_signed_base64(cached_test_key(Alg::ES256).pkey.get());
  std::string urlsafe = cert;
  for (char& c : urlsafe) c = c == '+' ? '-' : c == '/' ? '_' : c;
  const std::pair<std::string, std::string> bad[] = {
      {"a string, not an array", quoted(cert)},
      {"an empty array", "[]"},
      {"a number entry", "[1]"},
      {"not base64", "[\"!!!!\"]"},
      {"base64 of no certificate", "[\"AAAA\"]"},
      {"a truncated certificate", "[" + quoted(cert.substr(0, cert.size() - 8)) + "]"},
      {"a certificate with bytes after it", "[" + quoted(cert.substr(0, cert.size() - cert.size() % 4) + "AAAA") + "]"},
  };
  for (const auto& [what, x5c] : bad) expect_invalid(parse_jwk(with_x5c(jwk, x5c)), what);
  if (urlsafe != cert) expect_invalid(parse_jwk(with_x5c(jwk, "[" + quoted(urlsafe) + "]")), "base64url, not base64");
}

BOOST_AUTO_TEST_CASE(a_mismatching_key_is_skipped_from_a_jwks) {
  const auto& good = cached_test_key(Alg::ES256);
  const auto& rsa = cached_test_key(Alg::RS256);
  const std::string wrong_cert = self_signed_base64(good.pkey.get());
  const std::string jwks = "{\"keys\":[" + with_x5c(rsa.public_jwk, "[" + quoted(wrong_cert) + "]") + "," +
                           good.public_jwk + "]}";
  auto parsed = parse_jwks(jwks);
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  BOOST_TEST(parsed->keys.size() == 1u);
  BOOST_TEST_REQUIRE(parsed->skipped.size() == 1u);
  BOOST_TEST(parsed->skipped[0].index == 0u);
  BOOST_TEST(parsed->skipped[0].reason.code == ErrorCode::invalid_key);
}

BOOST_AUTO_TEST_SUITE_END()
