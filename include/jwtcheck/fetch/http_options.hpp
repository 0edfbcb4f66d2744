// jwtcheck — how the fetch module talks HTTP (token endpoint, JWKS, discovery).
//
// One libcurl-based client serves every request. What it always does, whatever the options:
//  - HTTPS only. Plain http:// is accepted only for loopback hosts (127.0.0.0/8, ::1,
//    localhost) and only when allow_http_loopback is set; anything else is insecure_url.
//    URLs with userinfo ("user:pass@host"), fragments or other schemes are invalid_url.
//  - Peer and host-name verification are always on (TLS 1.2 or newer); there is no switch to
//    turn them off. Use ca_file / ca_dir to trust a private CA.
//  - Redirects are refused (CURLOPT_FOLLOWLOCATION off): a 3xx answer is an http_status error
//    that says where it pointed, so a token or JWKS is never fetched from somewhere unexpected.
//  - Proxies come from the standard environment variables (https_proxy, HTTPS_PROXY,
//    http_proxy, ALL_PROXY, NO_PROXY), as libcurl does by default; TLS to the server stays
//    end-to-end through a proxy (CONNECT). Loopback destinations never go through a proxy.
//  - The response body is capped while it arrives (and a larger Content-Length is refused
//    before any byte of body is read): body_too_large. Headers are capped too.
//  - User-Agent: "jwtcheck/<version> libcurl/<version>".
//  - Errors are typed: dns_failed, connect_failed, tls_failed, timeout, http_status,
//    body_too_large, invalid_response, insecure_url, invalid_url.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace jwtcheck {

/// Transport settings shared by TokenClient and RemoteKeySource.
struct HttpOptions {
  /// PEM file of CA certificates to trust instead of the system store; empty: system store.
  std::string ca_file;
  /// Directory of hashed CA certificates (c_rehash / openssl rehash); empty: none.
  std::string ca_dir;
  /// Time allowed to resolve, connect and finish the TLS handshake.
  std::chrono::milliseconds connect_timeout{5000};
  /// Time allowed for the whole request, connection included.
  std::chrono::milliseconds total_timeout{15000};
  /// Largest response body accepted (body_too_large beyond it).
  std::size_t max_response_bytes = 1024 * 1024;
  /// Largest total size of the response headers accepted (body_too_large beyond it).
  std::size_t max_header_bytes = 32 * 1024;
  /// PEM client certificate (chain) presented when the server asks for one (mutual TLS, RFC 8705);
  /// empty: none. Needs client_key_file.
  std::string client_cert_file;
  /// PEM private key of client_cert_file, unencrypted; libcurl reads it (jwtcheck never holds its
  /// bytes). Empty: none.
  std::string client_key_file;
  /// Allows plain http:// to loopback hosts (local test tenants). Never allows other hosts.
  bool allow_http_loopback = false;
};

}  // namespace jwtcheck
