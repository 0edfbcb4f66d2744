// parse_pem_public_key: SPKI, PKCS#1, certificates; private keys and garbage refused.
#include "support/error_printing.hpp"
#include "support/test_keys.hpp"

#include <jwtcheck/key.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/encoder.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace jwtcheck;
using jwtcheck::test::cached_test_key;

namespace {

void expect_error(const Result<Key>& result, ErrorCode code, const std::string& fragment = {}) {
  BOOST_REQUIRE_MESSAGE(!result.ok(), "expected " << code_name(code) << " but the PEM parsed");
  BOOST_TEST(result.error().code == code, "message: " << result.error().message);
  if (!fragment.empty())
    BOOST_TEST(result.error().message.find(fragment) != std::string::npos,
               "message \"" << result.error().message << "\" should mention \"" << fragment << "\"");
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string self_signed_certificate_pem(EVP_PKEY* pkey) {
  test::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), pkey);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("tenant.test"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
  const bool eddsa = EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED25519 || EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED448;
  BOOST_REQUIRE(X509_sign(cert.get(), pkey, eddsa ? nullptr : EVP_sha256()) > 0);
  test::BioPtr bio(BIO_new(BIO_s_mem()));
  BOOST_REQUIRE(PEM_write_bio_X509(bio.get(), cert.get()) == 1);
  return bio_text(bio.get());
}

std::string encode_pem(EVP_PKEY* pkey, int selection, const char* structure) {
  std::unique_ptr<OSSL_ENCODER_CTX, test::OpenSslDeleter<OSSL_ENCODER_CTX_free>> ctx(
      OSSL_ENCODER_CTX_new_for_pkey(pkey, selection, "PEM", structure, nullptr));
  test::BioPtr bio(BIO_new(BIO_s_mem()));
  BOOST_REQUIRE(ctx != nullptr);
  BOOST_REQUIRE(OSSL_ENCODER_to_bio(ctx.get(), bio.get()) == 1);
  return bio_text(bio.get());
}

std::string public_pem_of_new_key(const char* type, const char* param = nullptr) {
  test::PkeyPtr pkey(param ? EVP_PKEY_Q_keygen(nullptr, nullptr, type, param) : EVP_PKEY_Q_keygen(nullptr, nullptr, type));
  BOOST_REQUIRE(pkey != nullptr);
  return encode_pem(pkey.get(), EVP_PKEY_PUBLIC_KEY, "SubjectPublicKeyInfo");
}

std::string jwk_thumbprint_of(Alg alg) {
  auto key = parse_jwk(cached_test_key(alg).public_jwk);
  BOOST_REQUIRE(key.ok());
  return std::string(key->thumbprint());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pem)

BOOST_AUTO_TEST_CASE(spki_public_keys_of_every_type) {
  for (Alg alg : {Alg::RS256, Alg::ES256, Alg::ES384, Alg::ES512, Alg::EdDSA}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      auto key = parse_pem_public_key(cached_test_key(alg).public_pem, "pem-kid");
      BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
      BOOST_TEST(key->kid() == "pem-kid");
      BOOST_TEST(!key->alg().has_value());  // PEM has no alg binding
      BOOST_TEST(key->can_verify(alg));
      BOOST_TEST(key->thumbprint() == jwk_thumbprint_of(alg));  // same key as its JWK
    }
  }
}

BOOST_AUTO_TEST_CASE(pkcs1_rsa_public_key) {
  const auto& k = cached_test_key(Alg::RS256);
  const std::string pkcs1 = encode_pem(k.pkey.get(), EVP_PKEY_PUBLIC_KEY, "type-specific");
  BOOST_REQUIRE(pkcs1.find("-----BEGIN RSA PUBLIC KEY-----") == 0U);
  auto key = parse_pem_public_key(pkcs1);
  BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
  BOOST_TEST(key->thumbprint() == jwk_thumbprint_of(Alg::RS256));
  BOOST_TEST(key->bits() == 2048U);
}

BOOST_AUTO_TEST_CASE(certificate_gives_its_public_key) {
  for (Alg alg : {Alg::RS256, Alg::ES256, Alg::EdDSA}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const std::string cert = self_signed_certificate_pem(cached_test_key(alg).pkey.get());
      auto key = parse_pem_public_key(cert, "cert");
      BOOST_REQUIRE_MESSAGE(key.ok(), (key.ok() ? "" : key.error().message));
      BOOST_TEST(key->thumbprint() == jwk_thumbprint_of(alg));
      // A chain: the first certificate is used.
      auto chain = parse_pem_public_key(cert + self_signed_certificate_pem(cached_test_key(Alg::ES384).pkey.get()));
      BOOST_REQUIRE(chain.ok());
      BOOST_TEST(chain->thumbprint() == jwk_thumbprint_of(alg));
    }
  }
}

BOOST_AUTO_TEST_CASE(private_keys_are_refused) {
  const auto& rsa = cached_test_key(Alg::RS256);
  const auto& ec = cached_test_key(Alg::ES256);
  expect_error(parse_pem_public_key(rsa.private_pem), ErrorCode::invalid_key, "private key was given");
  expect_error(parse_pem_public_key(ec.private_pem), ErrorCode::invalid_key, "private key was given");
  expect_error(parse_pem_public_key(cached_test_key(Alg::EdDSA).private_pem), ErrorCode::invalid_key, "private key");
  // Traditional encodings ("RSA PRIVATE KEY", "EC PRIVATE KEY") and encrypted PKCS#8.
  expect_error(parse_pem_public_key(encode_pem(rsa.pkey.get(), EVP_PKEY_KEYPAIR, "type-specific")), ErrorCode::invalid_key,
               "RSA PRIVATE KEY");
  expect_error(parse_pem_public_key(encode_pem(ec.pkey.get(), EVP_PKEY_KEYPAIR, "type-specific")), ErrorCode::invalid_key,
               "EC PRIVATE KEY");
  expect_error(parse_pem_public_key("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"),
               ErrorCode::invalid_key, "private key");
  // A public key followed by a private key in the same text: still refused.
  expect_error(parse_pem_public_key(rsa.public_pem + rsa.private_pem), ErrorCode::invalid_key, "private key");
}

BOOST_AUTO_TEST_CASE(garbage_is_refused) {
  expect_error(parse_pem_public_key(""), ErrorCode::invalid_key, "no PEM block");
  expect_error(parse_pem_public_key("hello"), ErrorCode::invalid_key, "no PEM block");
  expect_error(parse_pem_public_key("-----BEGIN PUBLIC KEY"), ErrorCode::invalid_key);
  expect_error(parse_pem_public_key("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"), ErrorCode::invalid_key,
               "could not be decoded");
  expect_error(parse_pem_public_key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), ErrorCode::invalid_key);
  const std::string& pem = cached_test_key(Alg::RS256).public_pem;
  expect_error(parse_pem_public_key(pem.substr(0, pem.size() / 2)), ErrorCode::invalid_key);
  expect_error(parse_pem_public_key("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"),
               ErrorCode::invalid_key, "EC PARAMETERS");
  expect_error(parse_pem_public_key(cached_test_key(Alg::RS256).public_jwk), ErrorCode::invalid_key, "no PEM block");
  Limits small;
  small.max_jwks_bytes = 100;
  expect_error(parse_pem_public_key(pem, {}, small), ErrorCode::invalid_key, "limit");
}

BOOST_AUTO_TEST_CASE(same_checks_as_jwk) {
  expect_error(parse_pem_public_key(test::generate_test_key(Alg::RS256, "w", 1024).public_pem), ErrorCode::weak_key, "1024");
  expect_error(parse_pem_public_key(public_pem_of_new_key("EC", "secp256k1")), ErrorCode::unsupported_key, "secp256k1");
  expect_error(parse_pem_public_key(public_pem_of_new_key("X25519")), ErrorCode::unsupported_key, "X25519");
  test::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA-PSS", nullptr));
  EVP_PKEY* generated = nullptr;
  BOOST_REQUIRE((ctx && EVP_PKEY_keygen_init(ctx.get()) == 1 && EVP_PKEY_generate(ctx.get(), &generated) == 1));
  test::PkeyPtr pss(generated);
  expect_error(parse_pem_public_key(encode_pem(pss.get(), EVP_PKEY_PUBLIC_KEY, "SubjectPublicKeyInfo")),
               ErrorCode::unsupported_key, "RSA-PSS");
}

BOOST_AUTO_TEST_SUITE_END()
