#include "fetch/token_request.hpp"

#include "fetch/printable_text.hpp"

#include <jwtcheck/fetch/client_assertion.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <vector>

namespace jwtcheck::detail {

namespace {

constexpr char hex_digits[] = "0123456789ABCDEF";

void append_json_string(SensitiveBuffer& out, std::string_view value) {
  out.push_back('"');
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      const char escaped[] = {'\\', 'u', '0', '0', hex_digits[u >> 4], hex_digits[u & 0xF]};
      out.append(std::string_view(escaped, sizeof escaped));
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// application/x-www-form-urlencoded (HTML URL-encoding: unreserved kept, space as '+').
void append_form_encoded(SensitiveBuffer& out, std::string_view value) {
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      const char escaped[] = {'%', hex_digits[u >> 4], hex_digits[u & 0xF]};
      out.append(std::string_view(escaped, sizeof escaped));
    }
  }
}

struct Field {
  std::string_view name, value;
};

std::vector<Field> body_fields(const TokenClientOptions& config, std::string_view client_assertion) {
  std::vector<Field> fields;
  switch (config.auth_method) {
    case ClientAuthMethod::request_body:
      fields.push_back({"client_id", config.client_id});
      fields.push_back({"client_secret", config.client_secret.reveal()});
      break;
    case ClientAuthMethod::private_key_jwt:
      fields.push_back({"client_id", config.client_id});
      fields.push_back({"client_assertion_type", client_assertion_type});
      fields.push_back({"client_assertion", client_assertion});
      break;
    case ClientAuthMethod::tls_client_auth:
      fields.push_back({"client_id", config.client_id});
      break;
    case ClientAuthMethod::basic:
      break;
  }
  if (!config.audience.empty()) fields.push_back({"audience", config.audience});
  fields.push_back({"grant_type", "client_credentials"});
  if (!config.scope.empty()) fields.push_back({"scope", config.scope});
  return fields;
}

void build_json_body(const std::vector<Field>& fields, SensitiveBuffer& out) {
  out.push_back('{');
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_json_string(out, fields[i].name);
    out.push_back(':');
    append_json_string(out, fields[i].value);
  }
  out.push_back('}');
}

void build_form_body(const std::vector<Field>& fields, SensitiveBuffer& out) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out.push_back('&');
    append_form_encoded(out, fields[i].name);
    out.push_back('=');
    append_form_encoded(out, fields[i].value);
  }
}

void build_basic_authorization(const TokenClientOptions& config, SensitiveBuffer& out) {
  SensitiveBuffer credentials;
  append_form_encoded(credentials, config.client_id);
  credentials.push_back(':');
  append_form_encoded(credentials, config.client_secret.reveal());
  const std::string_view plain = credentials.view();
  std::vector<unsigned char> encoded(4 * ((plain.size() + 2) / 3) + 1);
  const int length = EVP_EncodeBlock(encoded.data(), reinterpret_cast<const unsigned char*>(plain.data()),
                                     static_cast<int>(plain.size()));
  out.append("Basic ");
  out.append(std::string_view(reinterpret_cast<const char*>(encoded.data()), static_cast<std::size_t>(length)));
  OPENSSL_cleanse(encoded.data(), encoded.size());
}

}  // namespace

void build_token_request(const TokenClientOptions& config, TokenRequest& out, std::string_view client_assertion) {
  const std::vector<Field> fields = body_fields(config, client_assertion);
  if (config.format == TokenRequestFormat::json) {
    build_json_body(fields, out.body);
    out.content_type = "application/json";
  } else {
    build_form_body(fields, out.body);
    out.content_type = "application/x-www-form-urlencoded";
  }
  if (config.auth_method == ClientAuthMethod::basic) build_basic_authorization(config, out.authorization);
}

std::string redact_request_secrets(std::string_view text, const TokenClientOptions& config) {
  const std::string_view secret = config.client_secret.reveal();
  std::string out = redact(text, secret);
  if (secret.empty()) return out;
  SensitiveBuffer json, form, basic;
  append_json_string(json, secret);
  append_form_encoded(form, secret);
  build_basic_authorization(config, basic);
  const std::string_view quoted = json.view();
  out = redact(out, quoted.substr(1, quoted.size() - 2));
  out = redact(out, form.view());
  std::string_view credential = basic.view();
  credential.remove_prefix(std::string_view("Basic ").size());
  return redact(out, credential);
}

}  // namespace jwtcheck::detail
