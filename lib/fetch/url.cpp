#include "fetch/url.hpp"

#include "fetch/curl_handles.hpp"
#include "fetch/printable_text.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace jwtcheck::detail {

namespace {

constexpr std::size_t max_url_length = 2048;

Error invalid(std::string message) { return Error{ErrorCode::invalid_url, std::move(message)}; }

bool has_control_or_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

// One part of a parsed URL; nullopt when absent.
std::optional<std::string> url_part(CURLU* handle, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(handle, part, &raw, 0) != CURLUE_OK || raw == nullptr) return std::nullopt;
  CurlStringPtr owned(raw);
  return std::string(owned.get());
}

bool contains_userinfo(CURLU* handle) {
  return url_part(handle, CURLUPART_USER) || url_part(handle, CURLUPART_PASSWORD) ||
         url_part(handle, CURLUPART_OPTIONS);
}

Result<void> check_scheme(const CheckedUrl& url, const HttpOptions& http) {
  if (url.scheme == "https") return {};
  if (url.scheme != "http") {
    return invalid("expected an https URL, got scheme \"" + url.scheme + "\" in " + url.url);
  }
  if (!url.loopback) {
    return Error{ErrorCode::insecure_url,
                 "expected https, got plain http to a non-loopback host: " + url.url};
  }
  if (!http.allow_http_loopback) {
    return Error{ErrorCode::insecure_url,
                 "expected https, got plain http (allowed for loopback hosts only on opt-in): " + url.url};
  }
  return {};
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  std::string lower(host);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "localhost") return true;
  unsigned char v4[4];
  if (inet_pton(AF_INET, lower.c_str(), v4) == 1) return v4[0] == 127;
  if (lower.size() > 2 && lower.front() == '[' && lower.back() == ']') {
    std::string inner = lower.substr(1, lower.size() - 2);
    unsigned char v6[16];
    static constexpr unsigned char one[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return inet_pton(AF_INET6, inner.c_str(), v6) == 1 && std::equal(v6, v6 + 16, one);
  }
  return false;
}

Result<CheckedUrl> check_url(std::string_view url, const HttpOptions& http) {
  // The messages below never quote a URL that may hold userinfo: that part can be a password.
  if (url.empty()) return invalid("expected a URL, got an empty string");
  if (url.size() > max_url_length) {
    return invalid("expected a URL of at most " + std::to_string(max_url_length) + " characters, got " +
                   std::to_string(url.size()));
  }
  if (has_control_or_space(url)) return invalid("a URL must not contain spaces or control characters");
  // libcurl would read "https:///x" as host "x"; an authority must follow "//" directly.
  if (const auto slashes = url.find("://"); slashes == std::string_view::npos || url.substr(slashes + 3).starts_with('/')) {
    return invalid("expected an absolute URL \"scheme://host/...\", got something else");
  }
  if (!ensure_curl_initialized()) return invalid("libcurl could not be initialised");
  CurlUrlPtr handle(curl_url());
  if (!handle) return invalid("libcurl could not allocate a URL parser");
  std::string text(url);
  if (CURLUcode rc = curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0); rc != CURLUE_OK) {
    return invalid(std::string("cannot parse the URL (") + curl_url_strerror(rc) + ")");
  }
  if (contains_userinfo(handle.get())) return invalid("a URL must not contain userinfo (user:password@)");
  if (url_part(handle.get(), CURLUPART_FRAGMENT)) return invalid("a URL must not contain a fragment (#...)");

  CheckedUrl checked;
  checked.url = url_part(handle.get(), CURLUPART_URL).value_or(text);
  checked.scheme = url_part(handle.get(), CURLUPART_SCHEME).value_or("");
  checked.host = url_part(handle.get(), CURLUPART_HOST).value_or("");
  checked.path = url_part(handle.get(), CURLUPART_PATH).value_or("/");
  checked.has_query = url_part(handle.get(), CURLUPART_QUERY).has_value();
  if (checked.host.empty()) return invalid("expected a URL with a host, got " + checked.url);
  checked.loopback = is_loopback_host(checked.host);
  if (auto scheme_ok = check_scheme(checked, http); !scheme_ok) return scheme_ok.error();
  return checked;
}

Result<std::string> origin_for_domain(std::string_view domain, const HttpOptions& http) {
  if (domain.empty()) return invalid("expected a tenant domain, got an empty string");
  const bool is_url = domain.find("://") != std::string_view::npos;
  if (!is_url && domain.find('@') != std::string_view::npos) {
    return invalid("a tenant domain must not contain userinfo (user:password@)");
  }
  if (!is_url && domain.find_first_of("/?#\\") != std::string_view::npos) {
    return invalid("expected a tenant domain like \"TENANT.auth0.com\" or \"host:port\", got \"" +
                   printable_excerpt(domain) + "\"");
  }
  auto checked = check_url(is_url ? std::string(domain) : "https://" + std::string(domain), http);
  if (!checked) return checked.error();
  if (checked->path != "/" || checked->has_query) {
    return invalid("expected a tenant domain without a path or query, got " + checked->url);
  }
  std::string origin = checked->url;
  if (!origin.empty() && origin.back() == '/') origin.pop_back();
  return origin;
}

}  // namespace jwtcheck::detail
