#include "client_certificate.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace jwtcheck::cli::authz {

namespace {

Error malformed(std::string what) {
  return Error{ErrorCode::mtls_certificate_malformed, "the client certificate header: " + std::move(what)};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 percent-decoding ('+' stays '+': base64 uses it).
std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_digit(text[i + 1]);
    const int low = hex_digit(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

// Splits on `separator` outside double quotes (XFCC, Envoy's grammar).
std::optional<std::vector<std::string_view>> split_unquoted(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && quoted) {
      ++i;
    } else if (text[i] == '"') {
      quoted = !quoted;
    } else if (text[i] == separator && !quoted) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (quoted) return std::nullopt;
  parts.push_back(text.substr(start));
  return parts;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Envoy's x-forwarded-client-cert: Key=Value;Key="Value",… ; the URL-escaped PEM of Cert.
Result<std::string> envoy_cert(std::string_view value) {
  auto elements = split_unquoted(value, ',');
  if (!elements) return malformed("an unterminated quoted value in X-Forwarded-Client-Cert");
  if (elements->size() != 1) {
    return malformed("X-Forwarded-Client-Cert names several certificates (configure Envoy with SANITIZE_SET)");
  }
  auto pairs = split_unquoted(elements->front(), ';');
  if (!pairs) return malformed("an unterminated quoted value in X-Forwarded-Client-Cert");
  for (std::string_view pair : *pairs) {
    pair = trim(pair);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) return malformed("an X-Forwarded-Client-Cert element without '='");
    std::string_view key = pair.substr(0, equals);
    std::string_view text = pair.substr(equals + 1);
    if (key.size() != 4 || !std::equal(key.begin(), key.end(), "cert", [](char a, char b) {
          return (a >= 'A' && a <= 'Z' ? a + 32 : a) == b;
        })) {
      continue;
    }
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    auto decoded = percent_decode(text);
    if (!decoded) return malformed("a bad %-escape in X-Forwarded-Client-Cert's Cert");
    return std::move(*decoded);
  }
  return malformed("X-Forwarded-Client-Cert has no Cert= (configure Envoy's set_current_client_cert_details cert)");
}

bool base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
         c == '=';
}

// Envoy's format: quoted values or ';' (never in base64 or URL-escaped PEM), or a leading XFCC key.
bool looks_like_xfcc(std::string_view value) {
  if (value.find_first_of(";\"") != std::string_view::npos) return true;
  for (const std::string_view key : {"by=", "hash=", "cert=", "chain=", "subject=", "uri=", "dns="}) {
    if (value.size() >= key.size() &&
        std::equal(key.begin(), key.end(), value.begin(),
                   [](char k, char v) { return k == (v >= 'A' && v <= 'Z' ? v + 32 : v); })) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<std::string> client_certificate_from_header(std::string_view value) {
  if (value.size() > max_client_certificate_header) {
    return malformed("longer than " + std::to_string(max_client_certificate_header) + " bytes");
  }
  value = trim(value);
  if (value.empty()) return std::string();
  std::string text;
  if (looks_like_xfcc(value)) {
    auto cert = envoy_cert(value);
    if (!cert) return std::move(cert).error();
    text = std::move(*cert);
  } else {
    auto decoded = percent_decode(value);
    if (!decoded) return malformed("a bad %-escape");
    text = std::move(*decoded);
  }
  if (text.find("-----BEGIN") != std::string::npos) return text;  // PEM: the library reads it
  // Base64 DER without the PEM lines (Caddy, Traefik): wrapped as PEM, 64 characters a line.
  std::string base64;
  base64.reserve(text.size());
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (!base64_char(c)) return malformed("neither PEM nor base64 DER");
    base64.push_back(c);
  }
  if (base64.empty()) return malformed("neither PEM nor base64 DER");
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t i = 0; i < base64.size(); i += 64) pem += base64.substr(i, 64) + "\n";
  pem += "-----END CERTIFICATE-----\n";
  return pem;
}

}  // namespace jwtcheck::cli::authz
