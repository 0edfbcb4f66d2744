#include "testing/jwks_validators.hpp"

#include <openssl/evp.h>

#include <ctime>

namespace jwtcheck::testing::detail {

namespace {

// A strong entity tag: the first 16 bytes of the body's SHA-256, in hex and quotes.
std::string entity_tag(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(body.data(), body.size(), digest, &length, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    tag += kHex[digest[i] >> 4];
    tag += kHex[digest[i] & 15];
  }
  return tag + "\"";
}

// An IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::time_t when) {
  std::tm utc{};
  gmtime_r(&when, &utc);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(text, n);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// If-None-Match: "*" or a comma-separated list of entity tags; weak comparison (§13.1.2).
bool matches_any(std::string_view if_none_match, std::string_view tag) {
  if (trimmed(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view item = trimmed(if_none_match.substr(0, comma));
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == tag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

JwksValidation JwksValidators::validate(std::string_view body, std::string_view if_none_match,
                                        std::string_view if_modified_since) {
  const std::string tag = entity_tag(body);
  std::string served_at;
  {
    std::lock_guard lock(mutex_);
    if (tag != body_etag_) {
      body_etag_ = tag;
      // HTTP-dates have a one-second resolution: a body that changes within the second its
      // predecessor was first served gets the next second, so an If-Modified-Since naming the
      // old body never matches the new one.
      const std::time_t now = std::time(nullptr);
      served_at_seconds_ = now > served_at_seconds_ ? now : served_at_seconds_ + 1;
      body_served_at_ = http_date(served_at_seconds_);
    }
    served_at = body_served_at_;
  }
  JwksValidation validation;
  if (etag_ && !tag.empty()) validation.headers.emplace_back("ETag", tag);
  if (last_modified_) validation.headers.emplace_back("Last-Modified", served_at);
  if (etag_ && !if_none_match.empty()) {
    validation.not_modified = matches_any(if_none_match, tag);
  } else if (last_modified_ && !if_modified_since.empty()) {
    validation.not_modified = trimmed(if_modified_since) == served_at;
  }
  return validation;
}

}  // namespace jwtcheck::testing::detail
