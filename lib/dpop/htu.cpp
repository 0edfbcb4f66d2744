#include "dpop/htu.hpp"

#include <cstddef>

namespace jwtcheck::detail {

namespace {

bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

int hex_value(char c) noexcept {
  if (is_digit(c)) return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 3986 §2.3.
bool is_unreserved(char c) noexcept { return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

// §6.2.2.1 and §6.2.2.2: "%7e" → "~", "%2f" → "%2F". `lower_case` also lower-cases every other
// letter (a host). False on a '%' not followed by two hex digits.
bool normalize_percent(std::string_view in, bool lower_case, std::string& out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c != '%') {
      out += lower_case ? lower(c) : c;
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int high = hex_value(in[i + 1]), low = hex_value(in[i + 2]);
    if (high < 0 || low < 0) return false;
    const char decoded = static_cast<char>(high * 16 + low);
    if (is_unreserved(decoded)) {
      out += lower_case ? lower(decoded) : decoded;
    } else {
      out += '%';
      out += upper(in[i + 1]);
      out += upper(in[i + 2]);
    }
    i += 2;
  }
  return true;
}

// RFC 3986 §5.2.4, for an absolute path (it starts with '/').
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  const auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./")) {
      in.remove_prefix(2);
    } else if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', 1);
      const std::size_t length = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, length));
      in.remove_prefix(length);
    }
  }
  return out;
}

std::string_view default_port(std::string_view scheme) noexcept {
  if (scheme == "https") return "443";
  if (scheme == "http") return "80";
  return {};
}

}  // namespace

std::optional<std::string> normalized_htu(std::string_view url) {
  url = url.substr(0, url.find('#'));
  url = url.substr(0, url.find('?'));

  // scheme ":" "//" (RFC 3986 §3.1, §3.2)
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(url[0])) return std::nullopt;
  std::string scheme;
  for (const char c : url.substr(0, colon)) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
    scheme += lower(c);
  }
  url.remove_prefix(colon + 1);
  if (!url.starts_with("//")) return std::nullopt;
  url.remove_prefix(2);

  const std::size_t path_start = url.find('/');
  const std::string_view authority = url.substr(0, path_start);
  const std::string_view path = path_start == std::string_view::npos ? std::string_view("/") : url.substr(path_start);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // userinfo: never in an htu

  // host, then ":" port; an IPv6 literal is bracketed (§3.2.2)
  std::size_t host_end = 0;
  if (authority.starts_with('[')) {
    host_end = authority.find(']');
    if (host_end == std::string_view::npos) return std::nullopt;
    ++host_end;
  } else {
    host_end = authority.find(':');
    if (host_end == std::string_view::npos) host_end = authority.size();
  }
  const std::string_view host = authority.substr(0, host_end);
  std::string_view port = authority.substr(host_end);
  if (host.empty()) return std::nullopt;
  if (!port.empty()) {
    if (port[0] != ':') return std::nullopt;
    port.remove_prefix(1);
    for (const char c : port)
      if (!is_digit(c)) return std::nullopt;
    while (port.size() > 1 && port[0] == '0') port.remove_prefix(1);
    if (port.size() > 5) return std::nullopt;
  }

  std::string out = scheme + "://";
  if (!normalize_percent(host, true, out)) return std::nullopt;
  if (!port.empty() && port != default_port(scheme)) {
    out += ':';
    out += port;
  }
  std::string normalized_path;
  if (!normalize_percent(path, false, normalized_path)) return std::nullopt;
  out += remove_dot_segments(normalized_path);
  return out;
}

}  // namespace jwtcheck::detail
