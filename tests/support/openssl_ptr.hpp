// Owning pointers for the OpenSSL objects tests create themselves (keys, BIOs, certificates).
// The tests' own copy: public test programs use nothing from lib/.
//
//   jwtcheck::test::PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
#pragma once

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace jwtcheck::test {

/// A deleter calling the OpenSSL free function `Free`.
template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const noexcept { Free(p); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;

}  // namespace jwtcheck::test
