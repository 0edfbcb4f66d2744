// Client certificates for the mtls suite, made at test time with OpenSSL's X509 API (a fresh
// P-256 key, self-signed), and their thumbprints computed by an independent implementation.
#pragma once

#include <string>

namespace jwtcheck::test {

/// One self-signed client certificate.
struct ClientCertificate {
  std::string pem;  ///< "-----BEGIN CERTIFICATE-----..."
  std::string der;  ///< the same certificate, DER
};

/// A new certificate with a new key, subject CN=`common_name`.
ClientCertificate make_client_certificate(const std::string& common_name);

/// base64url(SHA-256(DER)) of `pem`, computed by python3-cryptography (/usr/bin/python3), not by
/// OpenSSL through jwtcheck; empty when python failed.
std::string python_thumbprint(const std::string& pem);

}  // namespace jwtcheck::test
