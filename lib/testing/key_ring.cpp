#include "testing/key_ring.hpp"

#include "testing/base64url_encode.hpp"

#include <openssl/rand.h>

namespace jwtcheck::testing::detail {

std::string random_kid() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  return jwtcheck::testing::detail::base64url_encode(bytes);
}

Result<std::unique_ptr<KeyRing>> KeyRing::create(Alg alg, const std::optional<SigningKey>& given) {
  if (given) return std::make_unique<KeyRing>(given->alg(), *given);
  auto first = SigningKey::generate(alg, random_kid());
  if (!first) return std::move(first).error();
  return std::make_unique<KeyRing>(alg, std::move(*first));
}

SigningKey KeyRing::current() const {
  std::lock_guard lock(mutex_);
  return keys_.back();
}

std::vector<SigningKey> KeyRing::published() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

// A JWKS is public: an HMAC secret in it would let anyone mint tokens. An HS* tenant's set is empty;
// its verifiers get the secret out of band (jwtcheck serve writes it to a file).
std::string KeyRing::jwks() const {
  std::vector<SigningKey> asymmetric;
  for (SigningKey& key : published()) {
    if (!is_hmac(key.alg())) asymmetric.push_back(std::move(key));
  }
  return jwks_json(asymmetric);
}

std::string KeyRing::rotate() {
  auto key = SigningKey::generate(alg_, random_kid());  // slow for RSA: outside the lock
  if (!key) return {};
  std::string kid(key->kid());
  std::lock_guard lock(mutex_);
  keys_.push_back(std::move(*key));
  return kid;
}

void KeyRing::drop_old() {
  std::lock_guard lock(mutex_);
  keys_.erase(keys_.begin(), keys_.end() - 1);
}

}  // namespace jwtcheck::testing::detail
