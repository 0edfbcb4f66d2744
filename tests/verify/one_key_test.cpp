// One-key verify (Verifier::create(Policy, Key, Alg)): a PEM public key (RSA, EC, Ed25519), a
// certificate, a JWK or an HMAC secret verifies every token whatever its kid, but only as the
// pinned alg; RS/HS confusion and private keys are refused.
#include <jwtcheck/key.hpp>
#include <jwtcheck/verifier.hpp>

#include "support/openssl_ptr.hpp"
#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

std::string token_for(const TestKey& key, Alg alg, std::string_view kid) {
  return signed_token(key, alg, jose_header_json(alg, kid), auth0_claims().str());
}

Verifier one_key_verifier(const Key& key, Alg alg, Policy policy = auth0_policy()) {
  auto v = Verifier::create(std::move(policy), key, alg, pinned_options());
  BOOST_REQUIRE_MESSAGE(v.ok(), (v.ok() ? "" : v.error().message));
  return std::move(*v);
}

Key pem_key(const TestKey& key) {
  auto parsed = parse_pem_public_key(key.public_pem);
  BOOST_REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  return *parsed;
}

// Any kid, or none, is verified with the one key.
void require_any_kid_verifies(const Verifier& v, const TestKey& key, Alg alg) {
  for (const std::string_view kid : {"", "made-up", "another"}) {
    auto r = v.verify(token_for(key, alg, kid));
    BOOST_TEST(r.ok(), alg_name(alg) << " kid \"" << kid << "\": " << (r.ok() ? "" : r.error().message));
  }
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
  BOOST_REQUIRE(X509_sign(cert.get(), pkey, EVP_sha256()) > 0);
  test::BioPtr bio(BIO_new(BIO_s_mem()));
  BOOST_REQUIRE(PEM_write_bio_X509(bio.get(), cert.get()) == 1);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(one_key)

BOOST_AUTO_TEST_CASE(pem_public_keys_verify_any_kid) {
  for (const Alg alg : {Alg::RS256, Alg::PS256, Alg::ES256, Alg::ES384, Alg::EdDSA}) {
    const TestKey& key = cached_test_key(alg);
    require_any_kid_verifies(one_key_verifier(pem_key(key), alg), key, alg);
  }
}

BOOST_AUTO_TEST_CASE(certificate_and_jwk) {
  const TestKey& rsa = cached_test_key(Alg::RS256);
  auto cert = parse_pem_public_key(self_signed_certificate_pem(rsa.pkey.get()));
  BOOST_REQUIRE(cert.ok());
  require_any_kid_verifies(one_key_verifier(*cert, Alg::RS256), rsa, Alg::RS256);
  const TestKey& ec = cached_test_key(Alg::ES256);
  auto jwk = parse_jwk(ec.public_jwk);
  BOOST_REQUIRE(jwk.ok());
  require_any_kid_verifies(one_key_verifier(*jwk, Alg::ES256), ec, Alg::ES256);
}

BOOST_AUTO_TEST_CASE(hmac_secret) {
  const TestKey& hs = cached_test_key(Alg::HS256);
  auto secret = hmac_key(hs.secret, Alg::HS256);
  BOOST_REQUIRE(secret.ok());
  require_any_kid_verifies(one_key_verifier(*secret, Alg::HS256), hs, Alg::HS256);
  // The secret is bound to HS256: pinning HS384 or an asymmetric alg is refused at create.
  BOOST_TEST(Verifier::create(auth0_policy(), *secret, Alg::HS384).error().code == ErrorCode::invalid_policy);
  BOOST_TEST(Verifier::create(auth0_policy(), *secret, Alg::RS256).error().code == ErrorCode::invalid_policy);
  // A wrong secret is a bad signature.
  auto other = hmac_key(std::string(32, 'x'), Alg::HS256);
  BOOST_REQUIRE(other.ok());
  auto r = one_key_verifier(*other, Alg::HS256).verify(token_for(hs, Alg::HS256, "k"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::bad_signature);
}

BOOST_AUTO_TEST_CASE(only_the_pinned_alg) {
  const TestKey& rsa = cached_test_key(Alg::RS256);
  const Verifier v = one_key_verifier(pem_key(rsa), Alg::RS256);
  // The same RSA key signing PS256: a valid signature, but not the pinned alg.
  auto ps = v.verify(token_for(rsa, Alg::PS256, ""));
  BOOST_REQUIRE(!ps.ok());
  BOOST_TEST(ps.error().code == ErrorCode::alg_not_allowed);
  // Another key's token: bad signature, whatever kid it names.
  const TestKey other = generate_test_key(Alg::RS256, "other");
  auto forged = v.verify(token_for(other, Alg::RS256, "other"));
  BOOST_REQUIRE(!forged.ok());
  BOOST_TEST(forged.error().code == ErrorCode::bad_signature);
  // policy.algorithms must allow the pinned alg when it is set.
  Policy p = auth0_policy();
  p.algorithms = {Alg::ES256};
  BOOST_TEST(Verifier::create(p, pem_key(rsa), Alg::RS256).error().code == ErrorCode::invalid_policy);
  p.algorithms = {Alg::ES256, Alg::RS256};
  BOOST_TEST(Verifier::create(p, pem_key(rsa), Alg::RS256).ok());
  // A key of another type or curve cannot be pinned to the alg.
  BOOST_TEST(Verifier::create(auth0_policy(), pem_key(rsa), Alg::ES256).error().code == ErrorCode::invalid_policy);
  BOOST_TEST(Verifier::create(auth0_policy(), pem_key(cached_test_key(Alg::ES256)), Alg::ES384).error().code ==
             ErrorCode::invalid_policy);
}

// The RS/HS confusion attack: an HS256 token whose MAC key is the RSA public key's PEM text.
BOOST_AUTO_TEST_CASE(hs_token_against_an_rsa_key_is_refused) {
  const TestKey& rsa = cached_test_key(Alg::RS256);
  const Verifier v = one_key_verifier(pem_key(rsa), Alg::RS256);
  TestKey confused{Alg::HS256, "", nullptr, "", "", "", rsa.public_pem};
  auto r = v.verify(token_for(confused, Alg::HS256, ""));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().code == ErrorCode::alg_not_allowed);
  // And an RSA key cannot be pinned to HS256 at all.
  auto create = Verifier::create(auth0_policy(), pem_key(rsa), Alg::HS256);
  BOOST_REQUIRE(!create.ok());
  BOOST_TEST(create.error().code == ErrorCode::invalid_policy);
}

// A key file holding a private key is refused, not reduced to its public part: a verifier must
// not hold signing material (decided in docs/cli.md and key.hpp).
BOOST_AUTO_TEST_CASE(private_keys_are_refused) {
  for (const Alg alg : {Alg::RS256, Alg::ES256, Alg::EdDSA}) {
    auto parsed = parse_pem_public_key(cached_test_key(alg).private_pem);
    BOOST_REQUIRE(!parsed.ok());
    BOOST_TEST(parsed.error().code == ErrorCode::invalid_key, parsed.error().message);
  }
}

BOOST_AUTO_TEST_SUITE_END()
