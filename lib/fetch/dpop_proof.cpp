#include <jwtcheck/fetch/dpop_proof.hpp>

#include "fetch/jose_text.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

namespace jwtcheck {

namespace {

constexpr std::size_t max_url_bytes = 4096;

bool printable_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F) return false;
  }
  return true;
}

}  // namespace

Result<std::string> make_dpop_proof(const ClientKey& key, const DpopProofRequest& request) {
  if (request.method.empty() || request.method.size() > 32 || !printable_ascii(request.method))
    return Error{ErrorCode::invalid_url, "DPoP proof: expected an HTTP method such as POST"};
  if (request.url.empty() || request.url.size() > max_url_bytes || !printable_ascii(request.url) ||
      request.url.find("://") == std::string_view::npos)
    return Error{ErrorCode::invalid_url, "DPoP proof: expected an absolute URL of at most " +
                                             std::to_string(max_url_bytes) + " printable characters"};
  if (!printable_ascii(request.nonce))
    return Error{ErrorCode::invalid_response, "DPoP proof: the server's nonce has characters a nonce cannot have"};
  // htu: the URL without query and fragment (RFC 9449 §4.2).
  const std::string_view htu = request.url.substr(0, request.url.find_first_of("?#"));
  auto jti = detail::random_jti();
  if (!jti) return jti.error();
  std::string claims = "{\"jti\":\"" + *jti + "\",\"htm\":" + detail::json_quoted(request.method) +
                       ",\"htu\":" + detail::json_quoted(htu) + ",\"iat\":" + std::to_string(detail::unix_seconds_now());
  if (!request.access_token.empty()) {
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(request.access_token.data(), request.access_token.size(), hash, &length, EVP_sha256(), nullptr) != 1) {
      ERR_clear_error();
      return Error{ErrorCode::invalid_key, "DPoP proof: SHA-256 is unavailable"};
    }
    claims += ",\"ath\":\"" + detail::base64url_text(std::string_view(reinterpret_cast<const char*>(hash), length)) + "\"";
  }
  if (!request.nonce.empty()) claims += ",\"nonce\":" + detail::json_quoted(request.nonce);
  claims += "}";
  return key.sign("\"typ\":\"dpop+jwt\",\"jwk\":" + key.public_jwk(), claims);
}

}  // namespace jwtcheck
