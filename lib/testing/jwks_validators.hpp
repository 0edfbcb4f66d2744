// The local tenant's JWKS validators (RFC 9110 §8.8): an ETag from the body's SHA-256 and a
// Last-Modified of when that body was first served, so that conditional requests get 304.
#pragma once

#include <ctime>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jwtcheck::testing::detail {

/// What to answer to one JWKS request.
struct JwksValidation {
  bool not_modified = false;                                 ///< answer 304 with no body
  std::vector<std::pair<std::string, std::string>> headers;  ///< ETag / Last-Modified to send
};

/// Thread-safe. Which validators it sends is fixed at construction.
class JwksValidators {
 public:
  JwksValidators(bool etag, bool last_modified) : etag_(etag), last_modified_(last_modified) {}

  /// For the body about to be served and the request's If-None-Match / If-Modified-Since (empty
  /// when absent). If-None-Match wins when both are present (RFC 9110 §13.2.2); If-Modified-Since
  /// matches only the exact Last-Modified text the tenant sent.
  JwksValidation validate(std::string_view body, std::string_view if_none_match, std::string_view if_modified_since);

 private:
  const bool etag_, last_modified_;
  std::mutex mutex_;
  std::string body_etag_;       // of the body served last
  std::string body_served_at_;  // HTTP-date when that body was first served
  std::time_t served_at_seconds_ = 0;  // the same, in seconds since the epoch
};

}  // namespace jwtcheck::testing::detail
