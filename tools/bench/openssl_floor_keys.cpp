#include "openssl_floor_keys.hpp"

#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "openssl_handles.hpp"

namespace bench {

std::shared_ptr<EVP_PKEY> floor_public_key(const AlgFixture& fixture) {
  if (fixture.public_pem.empty()) return nullptr;
  jwtcheck::detail::BioPtr bio(BIO_new_mem_buf(fixture.public_pem.data(), static_cast<int>(fixture.public_pem.size())));
  EVP_PKEY* key = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (key == nullptr) fail("OpenSSL cannot read the fixture's public key PEM");
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::shared_ptr<EVP_MD> floor_digest(const AlgFixture& fixture) {
  const char* name = nullptr;
  switch (fixture.alg) {
    case jwtcheck::Alg::RS256: case jwtcheck::Alg::PS256: case jwtcheck::Alg::ES256: case jwtcheck::Alg::HS256:
      name = "SHA256"; break;
    case jwtcheck::Alg::RS384: case jwtcheck::Alg::PS384: case jwtcheck::Alg::ES384: case jwtcheck::Alg::HS384:
      name = "SHA384"; break;
    case jwtcheck::Alg::RS512: case jwtcheck::Alg::PS512: case jwtcheck::Alg::ES512: case jwtcheck::Alg::HS512:
      name = "SHA512"; break;
    case jwtcheck::Alg::EdDSA:
      return nullptr;
  }
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) fail(std::string("OpenSSL cannot fetch ") + name);
  return std::shared_ptr<EVP_MD>(md, EVP_MD_free);
}

bool configure_padding(EVP_PKEY_CTX* pctx, jwtcheck::Alg alg) noexcept {
  if (alg != jwtcheck::Alg::PS256 && alg != jwtcheck::Alg::PS384 && alg != jwtcheck::Alg::PS512) return true;
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
}

}  // namespace bench
