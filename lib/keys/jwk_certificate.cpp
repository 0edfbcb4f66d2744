#include "keys/jwk_certificate.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>
#include <string_view>

namespace jwtcheck::detail {

namespace {

Error invalid_x5c(std::string message) { return Error{ErrorCode::invalid_key, "JWK \"x5c\": " + std::move(message)}; }

bool is_base64_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// Standard base64 with padding (RFC 7517 §4.7: base64, not base64url), decoded by OpenSSL. The
// alphabet and padding are checked first: EVP_DecodeBlock skips surrounding whitespace.
std::optional<std::string> decode_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  for (std::size_t i = 0; i < text.size() - padding; ++i)
    if (!is_base64_char(text[i])) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0 || static_cast<std::size_t>(written) != out.size()) {
    ERR_clear_error();
    return std::nullopt;
  }
  out.resize(out.size() - padding);
  return out;
}

}  // namespace

std::optional<Error> check_jwk_certificate(const rapidjson::Value& jwk, const KeyData& key) {
  const auto it = jwk.FindMember("x5c");
  if (it == jwk.MemberEnd()) return std::nullopt;
  const rapidjson::Value& chain = it->value;
  if (!chain.IsArray() || chain.Empty()) return invalid_x5c("must be a non-empty array of base64 certificates");
  for (const auto& entry : chain.GetArray())
    if (!entry.IsString()) return invalid_x5c("entries must be strings");
  auto der = decode_base64(std::string_view(chain[0].GetString(), chain[0].GetStringLength()));
  if (!der) return invalid_x5c("the first certificate is not standard base64 (RFC 7517 §4.7)");
  const auto* cursor = reinterpret_cast<const unsigned char*>(der->data());
  X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der->size())));
  if (!certificate || cursor != reinterpret_cast<const unsigned char*>(der->data()) + der->size()) {
    ERR_clear_error();
    return invalid_x5c("the first entry is not one DER X.509 certificate");
  }
  const EVP_PKEY* certified = X509_get0_pubkey(certificate.get());
  const bool same = certified != nullptr && key.pkey && EVP_PKEY_eq(certified, key.pkey.get()) == 1;
  ERR_clear_error();
  if (!same) return invalid_x5c("the first certificate's public key is not the key of this JWK");
  return std::nullopt;
}

}  // namespace jwtcheck::detail
