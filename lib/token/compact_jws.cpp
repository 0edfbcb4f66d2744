#include "token/compact_jws.hpp"

#include <algorithm>
#include <string>

namespace jwtcheck::detail {

namespace {

Error malformed(std::string message) { return Error{ErrorCode::malformed_token, std::move(message)}; }

}  // namespace

Result<CompactJws> split_compact_jws(std::string_view token, const Limits& limits, SignatureSegment signature) {
  if (token.size() > limits.max_token_bytes)
    return Error{ErrorCode::token_too_large, "token: " + std::to_string(token.size()) + " bytes, limit " +
                                                 std::to_string(limits.max_token_bytes)};
  // memchr-based finds: a token is hundreds of bytes and this runs on every request.
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    const auto dots = static_cast<std::size_t>(std::count(token.begin(), token.end(), '.'));
    if (dots == 4) return Error{ErrorCode::encrypted_token, "unsupported: encrypted token (JWE, 5 segments)"};
    return malformed("token: expected 3 dot-separated segments (compact JWS), got " + std::to_string(dots + 1));
  }
  CompactJws parts{token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1),
                   token.substr(0, second)};
  if (parts.header_b64.empty()) return malformed("token: the header segment is empty");
  if (parts.signature_b64.empty() && signature == SignatureSegment::required) return malformed("token: the signature segment is empty (unsigned token)");
  return parts;
}

}  // namespace jwtcheck::detail
