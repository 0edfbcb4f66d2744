// A throwaway certificate authority and the server certificate it signs, so a local HTTPS
// tenant can be trusted by clients that are given only the CA file.
#pragma once

#include <jwtcheck/error.hpp>

#include "openssl_handles.hpp"

#include <string>
#include <vector>

namespace jwtcheck::testing::detail {

/// A server certificate and its key, plus the PEM of the CA that issued it.
struct ServerCredentials {
  jwtcheck::detail::X509Ptr certificate;
  jwtcheck::detail::PkeyPtr private_key;
  std::string ca_pem;
};

/// Generates a self-signed EC P-256 CA and a server certificate signed by it, valid for the
/// given DNS names and IP addresses (subjectAltName) for a week.
Result<ServerCredentials> issue_server_credentials(const std::vector<std::string>& dns_names,
                                                   const std::vector<std::string>& ip_addresses);

}  // namespace jwtcheck::testing::detail
