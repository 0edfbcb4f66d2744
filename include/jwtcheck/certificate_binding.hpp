// jwtcheck — mTLS certificate-bound access tokens (RFC 8705 §3): checking that the client
// presenting a bound token is the one holding the certificate it was issued for.
//
// A resource server, per request, after Verifier::verify accepted the access token, with the
// client certificate its TLS layer verified (DER or PEM; empty when the client sent none):
//
//   auto binding = jwtcheck::check_certificate_binding(token, client_certificate, mode);
//   if (!binding) return refuse(binding.error());
//   // binding->token_bound: the token carried cnf["x5t#S256"] and it matched the certificate
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/binding_mode.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/verifier.hpp>
#include <jwtcheck/verifier_options.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck {

/// How client certificates are read and hashed.
struct CertificateBindingOptions {
  /// A longer certificate (DER or PEM text) is refused (mtls_certificate_malformed) unread.
  std::size_t max_certificate_bytes = 16384;
  /// The OpenSSL library context the certificate is decoded and SHA-256 fetched from; null:
  /// OpenSSL's default context. The caller keeps it alive during the call.
  ossl_lib_ctx_st* openssl_libctx = nullptr;
  /// The property query for those fetches (for example "fips=yes"); empty: none. A query no
  /// loaded provider satisfies fails with invalid_policy.
  std::string openssl_properties;
};

/// What check_certificate_binding found.
struct CertificateBinding {
  /// True when the token is certificate-bound (cnf["x5t#S256"]) and the certificate matched it.
  bool token_bound = false;
  /// The certificate's thumbprint, base64url(SHA-256(DER)), when it was read (bound tokens);
  /// empty when the token is a bearer token and the certificate was not looked at.
  std::string certificate_thumbprint;
};

/// RFC 8705 §3.1's "x5t#S256" of a certificate: base64url(SHA-256(its DER encoding)).
/// `certificate` is one X.509 certificate, DER or PEM ("-----BEGIN CERTIFICATE-----"; the first
/// one of a PEM chain). Errors: mtls_certificate_missing (empty), mtls_certificate_malformed
/// (oversized, not a certificate, trailing bytes after the DER), invalid_policy (the OpenSSL
/// context cannot hash). Never throws.
JWTCHECK_API Result<std::string> certificate_thumbprint(std::string_view certificate,
                                                        const CertificateBindingOptions& options = {}) noexcept;

/// The access token's cnf["x5t#S256"], or nullopt when it has no "cnf" or its "cnf" has no
/// "x5t#S256" (not certificate-bound). Errors: mtls_cnf_malformed ("cnf" not an object,
/// "x5t#S256" not the 43-character base64url of a SHA-256 hash).
JWTCHECK_API Result<std::optional<std::string>> certificate_bound_thumbprint(const VerifiedToken& token);

/// Applies `mode` to `token` and the client certificate of its request (empty: none was sent).
/// A certificate-bound token needs the certificate whose thumbprint it names, compared in
/// constant time, in every mode where it is accepted. Errors: mtls_cnf_malformed,
/// mtls_bound_token_without_certificate (bound, no certificate: never a bearer token),
/// mtls_disabled (bound, mode off), mtls_binding_required (not bound, mode required),
/// mtls_certificate_malformed, mtls_thumbprint_mismatch, invalid_policy, out_of_memory.
/// A bearer token under off or allowed passes without the certificate being read.
JWTCHECK_API Result<CertificateBinding> check_certificate_binding(const VerifiedToken& token,
                                                                  std::string_view client_certificate, BindingMode mode,
                                                                  const CertificateBindingOptions& options = {}) noexcept;

}  // namespace jwtcheck
