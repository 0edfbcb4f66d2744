#include "mtls/client_certificate.hpp"

#include "support/temp_dir.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <memory>

namespace jwtcheck::test {

namespace {

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept { Free(p); }
};
template <class T, auto Free>
using Owned = std::unique_ptr<T, FreeWith<Free>>;

std::string pem_of(X509* x509) {
  Owned<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
  BOOST_REQUIRE(PEM_write_bio_X509(bio.get(), x509) == 1);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string der_of(X509* x509) {
  const int length = i2d_X509(x509, nullptr);
  BOOST_REQUIRE(length > 0);
  std::string der(static_cast<std::size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  BOOST_REQUIRE(i2d_X509(x509, &out) == length);
  return der;
}

}  // namespace

ClientCertificate make_client_certificate(const std::string& common_name) {
  Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
  BOOST_REQUIRE(key);
  Owned<X509, X509_free> x509(X509_new());
  BOOST_REQUIRE(x509);
  BOOST_REQUIRE(X509_set_version(x509.get(), X509_VERSION_3) == 1);
  BOOST_REQUIRE(ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), 1) == 1);
  X509_gmtime_adj(X509_getm_notBefore(x509.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(x509.get()), 3600);
  X509_NAME* name = X509_get_subject_name(x509.get());
  BOOST_REQUIRE(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                           reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) == 1);
  BOOST_REQUIRE(X509_set_issuer_name(x509.get(), name) == 1);
  BOOST_REQUIRE(X509_set_pubkey(x509.get(), key.get()) == 1);
  BOOST_REQUIRE(X509_sign(x509.get(), key.get(), EVP_sha256()) > 0);
  return ClientCertificate{pem_of(x509.get()), der_of(x509.get())};
}

std::string python_thumbprint(const std::string& pem) {
  TempDir dir;
  const std::string path = dir.write("client.pem", pem);
  const std::string command =
      "/usr/bin/python3 -c 'import base64, sys; from cryptography import x509; "
      "from cryptography.hazmat.primitives import hashes; "
      "c = x509.load_pem_x509_certificate(open(sys.argv[1], \"rb\").read()); "
      "print(base64.urlsafe_b64encode(c.fingerprint(hashes.SHA256())).rstrip(b\"=\").decode())' " +
      path;
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::string out;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) out += buffer.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace jwtcheck::test
