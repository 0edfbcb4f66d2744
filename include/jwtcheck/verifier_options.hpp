// jwtcheck — how a Verifier runs (as opposed to Policy: what a token must be).
#pragma once

#include <jwtcheck/export.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

struct ossl_lib_ctx_st;  // OpenSSL's OSSL_LIB_CTX

namespace jwtcheck {

/// Seconds since the Unix epoch; replaceable so tests and `--now` can pin time. It is called
/// once per verify, from the verifying thread, and must not throw.
using Clock = std::function<std::int64_t()>;

/// The system clock, in whole seconds (read from the kernel's coarse real-time clock where
/// there is one: it lags the exact time by at most a few milliseconds).
JWTCHECK_API std::int64_t system_clock_now() noexcept;

/// Runtime knobs of a Verifier, with their defaults. None of them changes which tokens pass
/// (the clock says when "now" is; the Policy says how exp, nbf and iat compare to it).
struct VerifierOptions {
  /// Time source for exp, nbf, iat and max_age; empty (the default): system_clock_now.
  Clock clock;

  /// The OpenSSL library context every algorithm is fetched from; null: OpenSSL's default
  /// context. The caller keeps it alive for as long as the Verifier lives.
  ossl_lib_ctx_st* openssl_libctx = nullptr;
  /// The property query used for every fetch (for example "fips=yes"); empty: none.
  /// Verifier::create fails with invalid_policy when no loaded provider satisfies it.
  std::string openssl_properties;

  /// Verified tokens remembered (0 disables the cache). A hit skips the signature but re-runs
  /// every time check, and is used only while the exact key object that verified the token is
  /// still the one a fresh verify would pick.
  std::size_t cache_entries = 0;

  /// How long verify() may wait for a key-set refresh when a token names an unknown kid.
  /// 0 (the default, for servers): never wait; such a token is refused with key_not_found,
  /// marked retryable while a refresh is pending.
  std::chrono::milliseconds max_key_wait{0};
  /// At most this many verify() calls wait for a refresh at once; the others do not wait.
  std::size_t max_key_waiters = 4;
};

}  // namespace jwtcheck
