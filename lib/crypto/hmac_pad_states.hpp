// HMAC (RFC 2104) over SHA-256/384/512 with the key's inner and outer pad blocks absorbed once,
// when the key is built. A MAC then copies two hash states on the stack and hashes the message:
// no allocation, no provider dispatch, no per-thread state (so no copy of the secret outlives
// its key). The states are as sensitive as the secret: they are wiped when destroyed.
#pragma once

#include <jwtcheck/alg.hpp>

#include <memory>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

class HmacPadStates {
 public:
  /// The pad states of `secret` for HS256/HS384/HS512; null for any other alg or an empty secret.
  static std::unique_ptr<HmacPadStates> create(std::string_view secret, Alg alg) noexcept;

  /// True when `tag` is exactly HMAC(secret, input) for this alg's hash, compared in constant time.
  bool verify(std::string_view input, std::span<const unsigned char> tag) const noexcept;

  Alg alg() const noexcept { return alg_; }

  ~HmacPadStates();
  HmacPadStates(const HmacPadStates&) = delete;
  HmacPadStates& operator=(const HmacPadStates&) = delete;

 private:
  struct States;
  explicit HmacPadStates(Alg alg) noexcept;

  Alg alg_;
  std::unique_ptr<States> states_;
};

}  // namespace jwtcheck::detail
