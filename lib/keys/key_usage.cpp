#include "keys/key_usage.hpp"

#include "alg_traits.hpp"

namespace jwtcheck::detail {

bool key_type_fits(const KeyData& key, Alg alg) noexcept {
  switch (alg_family(alg)) {
    case AlgFamily::rsa_pkcs1:
    case AlgFamily::rsa_pss: return key.type == KeyType::rsa && key.pkey != nullptr;
    case AlgFamily::ecdsa: return key.type == KeyType::ec && key.pkey != nullptr && key.curve == ecdsa_curve(alg);
    case AlgFamily::eddsa:
      return key.type == KeyType::okp && key.pkey != nullptr && (key.curve == "Ed25519" || key.curve == "Ed448");
    case AlgFamily::hmac:
      // An HMAC secret is bound to exactly one alg when it is created (hmac_key()).
      return key.type == KeyType::oct && key.alg == alg && !key.secret.empty();
  }
  return false;
}

bool key_may_verify(const KeyData& key, Alg alg) noexcept {
  if (!key.usable_for_signatures) return false;
  if (key.alg && *key.alg != alg) return false;
  return key_type_fits(key, alg);
}

}  // namespace jwtcheck::detail
