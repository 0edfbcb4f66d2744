// RFC 8705 §3.1: x5t#S256 = base64url(SHA-256(the certificate's DER)), with SHA-256 fetched from
// the caller's OpenSSL context.
#include <jwtcheck/certificate_binding.hpp>

#include "base64url.hpp"
#include "json/message_quote.hpp"
#include "mtls/certificate_der.hpp"
#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <new>
#include <span>

namespace jwtcheck {

namespace {

Result<std::string> thumbprint_of(std::string_view certificate, const CertificateBindingOptions& options) {
  auto der = detail::certificate_der(certificate, options);
  if (!der) return std::move(der).error();
  const char* properties = options.openssl_properties.empty() ? nullptr : options.openssl_properties.c_str();
  detail::MdPtr sha256(EVP_MD_fetch(options.openssl_libctx, "SHA2-256", properties));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!sha256 || EVP_Digest(der->data(), der->size(), digest, &length, sha256.get(), nullptr) != 1) {
    ERR_clear_error();
    return Error{ErrorCode::invalid_policy,
                 "OpenSSL: no loaded provider offers SHA2-256 (needed for x5t#S256)" +
                     (options.openssl_properties.empty()
                          ? std::string()
                          : " with property query " + detail::quote_for_message(options.openssl_properties))};
  }
  return detail::base64url_encode(std::span<const unsigned char>(digest, length));
}

}  // namespace

Result<std::string> certificate_thumbprint(std::string_view certificate, const CertificateBindingOptions& options) noexcept {
  try {
    return thumbprint_of(certificate, options);
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::out_of_memory, "out of memory"};
  }
}

}  // namespace jwtcheck
