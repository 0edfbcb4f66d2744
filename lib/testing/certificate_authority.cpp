#include "testing/certificate_authority.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <memory>

namespace jwtcheck::testing::detail {

namespace {

using jwtcheck::detail::BioPtr;
using jwtcheck::detail::OpenSslDeleter;
using jwtcheck::detail::PkeyPtr;
using jwtcheck::detail::X509Ptr;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;

constexpr long kValiditySeconds = 7L * 24 * 3600;
constexpr long kBackdateSeconds = 3600;  // tolerate clients whose clock is a little behind

Error tls_setup_failed(std::string what) {
  ERR_clear_error();
  return Error{ErrorCode::tls_failed, "could not create the tenant's TLS credentials: " + std::move(what)};
}

bool add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool set_random_serial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return false;
  bytes[0] &= 0x7f;  // positive, as RFC 5280 requires
  jwtcheck::detail::BignumPtr serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
  return serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) != nullptr;
}

// A certificate for `key` named `common_name`, not yet signed and without extensions.
X509Ptr new_certificate(EVP_PKEY* key, const char* common_name, X509_NAME* issuer_name) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1 || !set_random_serial(cert.get())) return nullptr;
  X509_NAME* subject = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name);
  if (X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("jwtcheck"),
                                 -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1)
    return nullptr;
  if (X509_set_issuer_name(cert.get(), issuer_name ? issuer_name : subject) != 1) return nullptr;
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -kBackdateSeconds) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValiditySeconds))
    return nullptr;
  if (X509_set_pubkey(cert.get(), key) != 1) return nullptr;
  return cert;
}

std::string subject_alt_names(const std::vector<std::string>& dns_names, const std::vector<std::string>& ips) {
  std::string san;
  for (const auto& name : dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + name;
  for (const auto& ip : ips) san += (san.empty() ? "IP:" : ",IP:") + ip;
  return san;
}

std::string certificate_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return {};
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

PkeyPtr new_ec_key() { return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); }

}  // namespace

Result<ServerCredentials> issue_server_credentials(const std::vector<std::string>& dns_names,
                                                   const std::vector<std::string>& ip_addresses) {
  PkeyPtr ca_key = new_ec_key();
  PkeyPtr server_key = new_ec_key();
  if (!ca_key || !server_key) return tls_setup_failed("key generation");

  X509Ptr ca = new_certificate(ca_key.get(), "jwtcheck local tenant CA", nullptr);
  if (!ca || !add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0") ||
      !add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign") ||
      !add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash") ||
      X509_sign(ca.get(), ca_key.get(), EVP_sha256()) == 0)
    return tls_setup_failed("CA certificate");

  X509Ptr server = new_certificate(server_key.get(), "jwtcheck local tenant", X509_get_subject_name(ca.get()));
  if (!server || !add_extension(server.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !add_extension(server.get(), ca.get(), NID_key_usage, "critical,digitalSignature") ||
      !add_extension(server.get(), ca.get(), NID_ext_key_usage, "serverAuth") ||
      !add_extension(server.get(), ca.get(), NID_subject_alt_name, subject_alt_names(dns_names, ip_addresses)) ||
      !add_extension(server.get(), ca.get(), NID_authority_key_identifier, "keyid:always") ||
      X509_sign(server.get(), ca_key.get(), EVP_sha256()) == 0)
    return tls_setup_failed("server certificate");

  std::string ca_pem = certificate_pem(ca.get());
  if (ca_pem.empty()) return tls_setup_failed("CA PEM");
  return ServerCredentials{std::move(server), std::move(server_key), std::move(ca_pem)};
}

}  // namespace jwtcheck::testing::detail
