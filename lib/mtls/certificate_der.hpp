// The DER encoding of a client certificate given as DER or PEM: what RFC 8705 §3.1 hashes.
// Decoded with OpenSSL (no hand-written ASN.1), bounded in size, one certificate only.
#pragma once

#include <jwtcheck/certificate_binding.hpp>
#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// The certificate's DER bytes, re-encoded by OpenSSL from what it decoded (for a DER input:
/// the input itself). PEM is recognised by its "-----BEGIN" line; the first certificate of a
/// chain is the client's. Errors: mtls_certificate_missing (empty), mtls_certificate_malformed
/// (over options.max_certificate_bytes, not an X.509 certificate, bytes after the DER).
Result<std::string> certificate_der(std::string_view certificate, const CertificateBindingOptions& options);

}  // namespace jwtcheck::detail
