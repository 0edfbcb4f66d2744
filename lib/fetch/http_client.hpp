// The one HTTP client of jwtcheck, over libcurl. The policy it enforces is documented in
// include/jwtcheck/fetch/http_options.hpp.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/http_options.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcheck::detail {

/// A complete answer (any status but 3xx, which is an error, except 304 to a conditional request).
struct HttpResponse {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased, in arrival order

  /// The last value of a header (name in lower case); nullopt when absent.
  std::optional<std::string_view> header(std::string_view lower_name) const;
};

/// One request. The views must outlive perform(); nothing secret is copied by jwtcheck
/// (libcurl copies the header lines, which are wiped before they are freed).
struct HttpRequest {
  std::string_view url;
  std::optional<std::string_view> post_body;  ///< POST when set (libcurl reads it in place), GET otherwise
  std::string_view content_type;              ///< for POST
  std::string_view authorization;             ///< full Authorization header value; empty: none
  std::size_t max_body_bytes = 0;             ///< 0: HttpOptions::max_response_bytes
  std::string_view dpop{};                    ///< DPoP header value (RFC 9449 proof); empty: none
  /// Validators of a cached answer (RFC 9110 §13.1): sent as If-None-Match and
  /// If-Modified-Since when not empty. With either set, a 304 Not Modified is an answer, not an
  /// error.
  std::string_view if_none_match{};
  std::string_view if_modified_since{};
  /// When set and it becomes true, the transfer is abandoned (connect_failed, "cancelled").
  /// libcurl polls it from its progress callback: at least about once a second while idle.
  const std::atomic<bool>* cancel = nullptr;
  /// A stop request ends the transfer: cancelled. Polled like `cancel`.
  std::stop_token stop{};
  /// When set, the transfer ends at this instant (std::chrono::steady_clock): deadline_exceeded.
  std::optional<std::chrono::steady_clock::time_point> deadline{};
};

/// Performs requests under HttpOptions. Stateless between requests: one libcurl handle per
/// request, so one HttpClient may be used from many threads at once.
class HttpClient {
 public:
  explicit HttpClient(HttpOptions options) : options_(std::move(options)) {}
  const HttpOptions& options() const noexcept { return options_; }

  /// Errors: the URL checks (invalid_url, insecure_url), dns_failed, connect_failed, tls_failed,
  /// timeout, body_too_large, invalid_response, and http_status for a 3xx (redirects are refused);
  /// cancelled (request.stop) and deadline_exceeded (request.deadline).
  Result<HttpResponse> perform(const HttpRequest& request) const;

 private:
  HttpOptions options_;
};

/// "jwtcheck/0.1.0 libcurl/7.88.1".
std::string user_agent();

/// An http_status error for an unexpected status: "<what>: expected HTTP 2xx from <url>, got
/// <status>: <body excerpt>". `secret` is redacted from the excerpt.
Error unexpected_status(std::string_view what, std::string_view url, const HttpResponse& response,
                        std::string_view secret = {});

}  // namespace jwtcheck::detail
