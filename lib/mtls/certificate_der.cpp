#include "mtls/certificate_der.hpp"

#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>

namespace jwtcheck::detail {

namespace {

Error malformed(std::string message) {
  ERR_clear_error();
  return Error{ErrorCode::mtls_certificate_malformed, "client certificate: " + std::move(message)};
}

bool is_pem(std::string_view text) { return text.find("-----BEGIN") != std::string_view::npos; }

// Decodes into `x509` (made in the options' library context); false when it is no certificate.
bool decode_pem(std::string_view text, X509* x509) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  if (!bio) return false;
  X509* target = x509;
  return PEM_read_bio_X509(bio.get(), &target, nullptr, nullptr) != nullptr;
}

// As decode_pem; also false when bytes follow the certificate's DER.
bool decode_der(std::string_view bytes, X509* x509) {
  const auto* cursor = reinterpret_cast<const unsigned char*>(bytes.data());
  X509* target = x509;
  if (d2i_X509(&target, &cursor, static_cast<long>(bytes.size())) == nullptr) return false;
  return cursor == reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size();
}

}  // namespace

Result<std::string> certificate_der(std::string_view certificate, const CertificateBindingOptions& options) {
  if (certificate.empty()) return Error{ErrorCode::mtls_certificate_missing, "no client certificate was presented"};
  if (certificate.size() > options.max_certificate_bytes || certificate.size() > INT_MAX)
    return malformed(std::to_string(certificate.size()) + " bytes, the limit is " +
                     std::to_string(options.max_certificate_bytes));
  const char* properties = options.openssl_properties.empty() ? nullptr : options.openssl_properties.c_str();
  X509Ptr x509(X509_new_ex(options.openssl_libctx, properties));
  if (!x509) return malformed("OpenSSL could not allocate a certificate");
  const bool pem = is_pem(certificate);
  if (pem ? !decode_pem(certificate, x509.get()) : !decode_der(certificate, x509.get()))
    return malformed(pem ? "the PEM text holds no X.509 certificate"
                         : "not one DER-encoded X.509 certificate (nor PEM text)");
  // Sized first, then written into our own buffer: no OpenSSL allocation to free.
  const int length = i2d_X509(x509.get(), nullptr);
  if (length <= 0) return malformed("OpenSSL could not encode it as DER");
  std::string bytes(static_cast<std::size_t>(length), '\0');
  auto* out = reinterpret_cast<unsigned char*>(bytes.data());
  if (i2d_X509(x509.get(), &out) != length) return malformed("OpenSSL could not encode it as DER");
  ERR_clear_error();
  return bytes;
}

}  // namespace jwtcheck::detail
