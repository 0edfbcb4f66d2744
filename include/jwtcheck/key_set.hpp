// jwtcheck — a set of verification keys (a parsed JWKS), and where verifiers get it from.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/key.hpp>
#include <jwtcheck/limits.hpp>

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck {

/// An immutable set of keys with O(1) lookup by kid. Safe to share between threads.
class JWTCHECK_API KeySet {
 public:
  /// An empty set.
  KeySet() noexcept;
  /// A set of `keys`, kept in this order.
  explicit KeySet(std::vector<Key> keys);

  /// Every key, in the order given.
  std::span<const Key> keys() const noexcept;
  /// The number of keys.
  std::size_t size() const noexcept;
  /// True when the set has no key.
  bool empty() const noexcept;

  /// The key with this kid that can verify `alg`, else any key with this kid (so the caller
  /// can report key_mismatch), else nullptr.
  const Key* find(std::string_view kid, Alg alg) const noexcept;
  /// True when a key with this kid and thumbprint is in the set.
  bool contains(std::string_view kid, std::string_view thumbprint) const noexcept;

  /// Opaque: the keys and their lookup table, defined and used only inside the library.
  /// Copies of a KeySet share it (it never changes).
  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

/// A key in a JWKS that was skipped (unsupported or broken), and why.
struct SkippedKey {
  std::size_t index;   ///< position in the "keys" array
  std::string kid;     ///< its kid, if it had a string one
  Error reason;        ///< why it was skipped (e.g. invalid_key, unsupported_key, weak_key)
};

/// The result of parsing a JWKS: the usable keys, and the ones skipped with reasons.
struct ParsedJwks {
  KeySet keys;                      ///< the usable keys
  std::vector<SkippedKey> skipped;  ///< the keys left out, each with its reason
};

/// Parses a JWKS document ({"keys": [...]}). Broken or unsupported keys are skipped and
/// reported, not fatal; the document itself being malformed is (invalid_jwks, too_many_keys).
/// "oct" keys are always skipped: HMAC secrets never come from a JWKS.
JWTCHECK_API Result<ParsedJwks> parse_jwks(std::string_view json, const Limits& limits = {});

/// What KeySource::refresh_for_unknown_kid found.
struct KeyRefresh {
  /// The newest key set (it may still lack the kid); an error only when the source has no
  /// usable set at all (keys_unavailable).
  Result<std::shared_ptr<const KeySet>> keys;
  /// A refresh that may bring the kid is still under way when the call returns (it was not
  /// waited for, or not long enough): a token refused now may pass shortly.
  bool pending = false;
};

/// Where a Verifier gets its keys. Implementations must be thread-safe, and neither call below
/// may do I/O on the caller's thread or wait on the network beyond the `max_wait` it is given:
/// they run on the verify path. The static one is below; the fetch module provides
/// RemoteKeySource, which refreshes on a thread of its own.
class JWTCHECK_API KeySource {
 public:
  virtual ~KeySource() = default;
  /// The key set to verify with now, at once. An error (keys_unavailable) when there is none;
  /// Error::retryable says whether one may come shortly (e.g. the first fetch is under way).
  virtual Result<std::shared_ptr<const KeySet>> current() = 0;
  /// A token named `kid`, which the set from current() lacks. The source may start a refresh
  /// (rate-limited as it sees fit) and waits at most `max_wait` for one to complete
  /// (0: it does not wait at all); it returns the newest set and whether a refresh is still
  /// pending.
  virtual KeyRefresh refresh_for_unknown_kid(std::string_view kid, std::chrono::milliseconds max_wait) = 0;
};

/// A fixed key set (from a file, a string, or keys built in code). Never refreshes.
class JWTCHECK_API StaticKeySource final : public KeySource {
 public:
  /// Serves `keys` for as long as it lives.
  explicit StaticKeySource(KeySet keys) : keys_(std::make_shared<const KeySet>(std::move(keys))) {}
  Result<std::shared_ptr<const KeySet>> current() override { return keys_; }
  KeyRefresh refresh_for_unknown_kid(std::string_view, std::chrono::milliseconds) override {
    return KeyRefresh{keys_, false};
  }

 private:
  std::shared_ptr<const KeySet> keys_;
};

}  // namespace jwtcheck
