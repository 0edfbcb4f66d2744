#include <jwtcheck/fetch/client_assertion.hpp>

#include "fetch/jose_text.hpp"

namespace jwtcheck {

Result<std::string> make_client_assertion(const ClientKey& key, std::string_view client_id, std::string_view token_url,
                                          std::chrono::seconds lifetime) {
  if (client_id.empty()) return Error{ErrorCode::invalid_policy, "client assertion: expected a client id, got none"};
  if (token_url.empty()) return Error{ErrorCode::invalid_policy, "client assertion: expected the token URL (aud), got none"};
  if (lifetime.count() < 1 || lifetime > max_client_assertion_lifetime)
    return Error{ErrorCode::invalid_policy, "client assertion: expected a lifetime of 1 to 300 seconds, got " +
                                                std::to_string(lifetime.count())};
  auto jti = detail::random_jti();
  if (!jti) return jti.error();
  const std::int64_t now = detail::unix_seconds_now();
  const std::string id = detail::json_quoted(client_id);
  const std::string claims = "{\"iss\":" + id + ",\"sub\":" + id + ",\"aud\":" + detail::json_quoted(token_url) +
                             ",\"jti\":\"" + *jti + "\",\"iat\":" + std::to_string(now) +
                             ",\"exp\":" + std::to_string(now + lifetime.count()) + "}";
  return key.sign("\"typ\":\"JWT\"", claims);
}

}  // namespace jwtcheck
