#include "bearer_challenge.hpp"

namespace jwtcheck::cli::authz {

std::string quoted_safe(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  for (const char c : text.substr(0, max_bytes)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u <= 0x7e && c != '"' && c != '\\' ? c : '?');
  }
  return out;
}

namespace {

// The error, error_description and scope parameters shared by both schemes.
void append_error(std::string& out, std::string_view error, std::string_view description, std::string_view scope) {
  if (!error.empty()) {
    out += ", error=\"" + quoted_safe(error) + "\"";
    if (!description.empty()) out += ", error_description=\"" + quoted_safe(description) + "\"";
  }
  if (!scope.empty()) out += ", scope=\"" + quoted_safe(scope, 1000) + "\"";
}

}  // namespace

std::string bearer_challenge(std::string_view realm, std::string_view error, std::string_view description,
                             std::string_view scope) {
  std::string out = "Bearer realm=\"" + quoted_safe(realm) + "\"";
  append_error(out, error, description, scope);
  return out;
}

std::string dpop_challenge(std::string_view realm, std::string_view algs, std::string_view error,
                           std::string_view description, std::string_view scope) {
  std::string out = "DPoP realm=\"" + quoted_safe(realm) + "\", algs=\"" + quoted_safe(algs) + "\"";
  append_error(out, error, description, scope);
  return out;
}

}  // namespace jwtcheck::cli::authz
