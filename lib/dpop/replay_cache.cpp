#include "dpop/replay_cache.hpp"

#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstring>
#include <stdexcept>

namespace jwtcheck::detail {

ReplayCache::ReplayCache(std::size_t capacity, OSSL_LIB_CTX* libctx) : capacity_(capacity == 0 ? 1 : capacity) {
  if (RAND_bytes_ex(libctx, salt_.data(), salt_.size(), 0) != 1) {
    ERR_clear_error();
    throw std::runtime_error("DPoP replay cache: no random bytes for its salt");
  }
}

std::size_t ReplayCache::DigestHash::operator()(const Digest& digest) const noexcept {
  std::size_t hash = 0;
  std::memcpy(&hash, digest.data(), sizeof hash);
  return hash;
}

ReplayCache::Digest ReplayCache::digest_of(std::string_view jkt, std::string_view jti, const EVP_MD* sha256) const {
  Digest digest{};
  const MdCtxPtr ctx(EVP_MD_CTX_new());
  const unsigned char separator = 0;  // a thumbprint is base64url: it never holds a NUL
  const bool ok = ctx && EVP_DigestInit_ex(ctx.get(), sha256, nullptr) == 1 &&
                  EVP_DigestUpdate(ctx.get(), salt_.data(), salt_.size()) == 1 &&
                  EVP_DigestUpdate(ctx.get(), jkt.data(), jkt.size()) == 1 &&
                  EVP_DigestUpdate(ctx.get(), &separator, 1) == 1 &&
                  EVP_DigestUpdate(ctx.get(), jti.data(), jti.size()) == 1 &&
                  EVP_DigestFinal_ex(ctx.get(), digest.data(), nullptr) == 1;
  if (!ok) {
    ERR_clear_error();
    throw std::runtime_error("DPoP replay cache: SHA-256 failed");
  }
  return digest;
}

void ReplayCache::drop_expired(std::int64_t now) {
  while (!expiry_.empty() && expiry_.top().first < now) {
    live_.erase(expiry_.top().second);
    expiry_.pop();
  }
}

ReplayCache::Outcome ReplayCache::record(std::string_view jkt, std::string_view jti, std::int64_t expires_at,
                                         std::int64_t now, const EVP_MD* sha256) {
  const Digest digest = digest_of(jkt, jti, sha256);  // outside the lock
  const std::lock_guard lock(mutex_);
  drop_expired(now);
  if (live_.contains(digest)) return Outcome::replayed;
  if (live_.size() >= capacity_) return Outcome::full;
  live_.insert(digest);
  try {
    expiry_.emplace(expires_at, digest);
  } catch (...) {
    live_.erase(digest);
    throw;
  }
  return Outcome::recorded;
}

std::size_t ReplayCache::size() const {
  const std::lock_guard lock(mutex_);
  return live_.size();
}

}  // namespace jwtcheck::detail
