// HMAC secrets enter only here, named by the caller together with the one alg they may verify.
#include <jwtcheck/key.hpp>

#include "alg_traits.hpp"
#include "keys/key_data.hpp"
#include "keys/seal_key.hpp"

namespace jwtcheck {

Result<Key> hmac_key(std::string_view secret, Alg alg, std::string_view kid) {
  if (!is_hmac(alg))
    return Error{ErrorCode::invalid_key, "an HMAC secret may verify only HS256, HS384 or HS512, not " + std::string(alg_name(alg))};
  const std::size_t needed = detail::alg_hash_bytes(alg);
  if (secret.size() < needed)  // RFC 7518 §3.2; the message never includes the secret itself
    return Error{ErrorCode::weak_key, "HMAC secret is " + std::to_string(secret.size()) + " bytes, " +
                                          std::string(alg_name(alg)) + " needs at least " + std::to_string(needed)};
  auto data = std::make_unique<detail::KeyData>();
  data->type = KeyType::oct;
  data->kid = std::string(kid);
  data->alg = alg;
  data->bits = static_cast<unsigned>(secret.size() * 8);
  data->secret = std::string(secret);
  return detail::seal_key(std::move(data));
}

}  // namespace jwtcheck
