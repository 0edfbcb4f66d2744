// jwtcheck authz — the client certificate a gateway passes in a header, for certificate-bound
// tokens (RFC 8705 §3 behind a TLS-terminating gateway).
#pragma once

#include <jwtcheck/error.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::cli::authz {

/// The most header text read (a certificate chain is refused past it).
inline constexpr std::size_t max_client_certificate_header = 16 * 1024;

/// The certificate in a gateway's header value, as PEM text for the library:
/// - nginx `$ssl_client_escaped_cert`: URL-escaped PEM;
/// - Envoy `X-Forwarded-Client-Cert`: one element whose `Cert="…"` is URL-escaped PEM (several
///   elements, i.e. several proxies' certificates, are refused: which one is the client's is unknowable);
/// - Caddy `{http.request.tls.client.certificate_der_base64}`, Traefik `passTLSClientCert`
///   (pem = true): base64 DER, URL-escaped or not, without the PEM lines.
/// Errors: mtls_certificate_malformed naming what is wrong (never echoing the value).
Result<std::string> client_certificate_from_header(std::string_view value);

}  // namespace jwtcheck::cli::authz
