#include "hygiene/secret_forms.hpp"

#include "support/token_builder.hpp"

#include <openssl/evp.h>

namespace hygiene {

namespace {

std::string json_escaped(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out;
}

std::string form_encoded(std::string_view text) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

std::vector<std::string> secret_forms(std::string_view secret, std::string_view client_id) {
  std::vector<std::string> forms = {std::string(secret), json_escaped(secret), form_encoded(secret),
                                    jwtcheck::test::b64url(secret)};
  if (!client_id.empty()) {
    const std::string credentials = std::string(client_id) + ":" + std::string(secret);
    forms.push_back(base64(credentials));
    forms.push_back(base64(form_encoded(client_id) + ":" + form_encoded(secret)));
  }
  return forms;
}

void expect_no_secret(std::string_view text, std::string_view secret, std::string_view client_id,
                      const std::string& what) {
  for (const auto& form : secret_forms(secret, client_id))
    BOOST_TEST(text.find(form) == std::string_view::npos, what << ": a form of the secret (" << form.size()
                                                                << " bytes) is in: " << text);
  for (std::size_t at = 0; secret.size() >= 12 && at + 12 <= secret.size(); at += 6)
    BOOST_TEST(text.find(secret.substr(at, 12)) == std::string_view::npos,
               what << ": 12 bytes of the secret are in: " << text);
}

}  // namespace hygiene
