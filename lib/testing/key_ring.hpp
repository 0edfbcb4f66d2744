// The tenant's signing keys: the newest signs, all are published until dropped.
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace jwtcheck::testing::detail {

/// Thread-safe list of signing keys of one algorithm, oldest first.
class KeyRing {
 public:
  /// A ring holding `first`, or one fresh `alg` key when it is empty. Rotation uses the first key's alg.
  static Result<std::unique_ptr<KeyRing>> create(Alg alg, const std::optional<SigningKey>& first);

  /// The key that signs now (the newest).
  SigningKey current() const;
  /// Every published key, oldest first.
  std::vector<SigningKey> published() const;
  /// {"keys":[...]} of the published keys.
  std::string jwks() const;
  /// Adds a fresh key that becomes current; returns its kid (empty if generation failed).
  std::string rotate();
  /// Keeps only the current key.
  void drop_old();

  explicit KeyRing(Alg alg, SigningKey first) : alg_(alg), keys_{std::move(first)} {}

 private:
  Alg alg_;
  mutable std::mutex mutex_;
  std::vector<SigningKey> keys_;  // never empty
};

/// A fresh key id: 128 random bits, base64url.
std::string random_kid();

}  // namespace jwtcheck::testing::detail
