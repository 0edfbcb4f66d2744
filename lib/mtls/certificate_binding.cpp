// Which tokens need a client certificate (RFC 8705 §3), and whether it is the one they name.
#include <jwtcheck/certificate_binding.hpp>

#include "base64url.hpp"
#include "json/message_quote.hpp"

#include <openssl/crypto.h>

#include <new>

namespace jwtcheck {

namespace {

Error cnf_malformed(std::string message) { return Error{ErrorCode::mtls_cnf_malformed, "cnf: " + std::move(message)}; }

// A SHA-256 hash in base64url: 43 characters of strict, canonical base64url, 32 bytes.
bool is_sha256_b64url(std::string_view text) {
  if (text.size() != 43) return false;
  auto bytes = detail::base64url_decode(text);
  return bytes && bytes->size() == 32;
}

// Both are 43 characters once checked; the comparison does not stop at the first difference.
bool same_thumbprint(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<CertificateBinding> check_binding(const VerifiedToken& token, std::string_view certificate, BindingMode mode,
                                         const CertificateBindingOptions& options) {
  auto bound = certificate_bound_thumbprint(token);
  if (!bound) return std::move(bound).error();
  if (!bound->has_value()) {
    if (mode == BindingMode::required)
      return Error{ErrorCode::mtls_binding_required,
                   "the access token is not certificate-bound (no cnf[\"x5t#S256\"]) and certificate binding is required"};
    return CertificateBinding{};  // a bearer token: the certificate is not looked at
  }
  // A bound token is never a bearer token, whatever the mode.
  if (certificate.empty())
    return Error{ErrorCode::mtls_bound_token_without_certificate,
                 "the access token is certificate-bound (cnf[\"x5t#S256\"]) and the request has no client certificate"};
  if (mode == BindingMode::off)
    return Error{ErrorCode::mtls_disabled,
                 "the access token is certificate-bound (cnf[\"x5t#S256\"]) and certificate binding is off here"};
  auto thumbprint = certificate_thumbprint(certificate, options);
  if (!thumbprint) return std::move(thumbprint).error();
  if (!same_thumbprint(*thumbprint, **bound))
    return Error{ErrorCode::mtls_thumbprint_mismatch,
                 "the client certificate's SHA-256 thumbprint " + *thumbprint +
                     " is not the one the access token is bound to (cnf[\"x5t#S256\"] " + **bound + ")"};
  return CertificateBinding{true, std::move(*thumbprint)};
}

}  // namespace

Result<std::optional<std::string>> certificate_bound_thumbprint(const VerifiedToken& token) {
  auto cnf = token.claim_kind("cnf");
  if (!cnf) return std::move(cnf).error();
  if (*cnf == ClaimKind::missing) return std::optional<std::string>();
  if (*cnf != ClaimKind::object) return cnf_malformed("must be a JSON object");
  auto x5t = token.claim_string(ClaimPath::pointer("/cnf/x5t#S256"));
  if (!x5t) {
    if (x5t.error().code == ErrorCode::missing_claim) return std::optional<std::string>();  // bound some other way
    return cnf_malformed("x5t#S256 must be a string");
  }
  if (!is_sha256_b64url(*x5t))
    return cnf_malformed("x5t#S256 must be the base64url SHA-256 hash of a certificate (43 characters), got " +
                         detail::quote_for_message(*x5t));
  return std::optional<std::string>(std::string(*x5t));
}

Result<CertificateBinding> check_certificate_binding(const VerifiedToken& token, std::string_view client_certificate,
                                                     BindingMode mode, const CertificateBindingOptions& options) noexcept {
  try {
    return check_binding(token, client_certificate, mode, options);
  } catch (const std::bad_alloc&) {
    return Error{ErrorCode::out_of_memory, "out of memory"};
  }
}

}  // namespace jwtcheck
