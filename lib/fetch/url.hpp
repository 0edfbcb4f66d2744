// Which URLs the fetch module may talk to: https anywhere, http only to loopback on opt-in,
// never userinfo or fragments. Also turns a tenant domain into its https origin.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/http_options.hpp>

#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// A URL that passed check_url, normalised by libcurl's parser.
struct CheckedUrl {
  std::string url;      ///< the normalised URL, safe to print (it has no userinfo)
  std::string scheme;   ///< "https" or "http"
  std::string host;     ///< as libcurl reports it (IPv6 in brackets)
  std::string path;     ///< "/" at least
  bool has_query = false;
  bool loopback = false;
};

/// Errors: invalid_url (unparsable, userinfo, fragment, not http(s), too long), insecure_url
/// (http to a non-loopback host, or to loopback without HttpOptions::allow_http_loopback).
Result<CheckedUrl> check_url(std::string_view url, const HttpOptions& http);

/// "https://DOMAIN" (no trailing slash) for "DOMAIN", "host:port", or a URL "https://host[:port][/]".
Result<std::string> origin_for_domain(std::string_view domain, const HttpOptions& http);

/// True for localhost, 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

}  // namespace jwtcheck::detail
