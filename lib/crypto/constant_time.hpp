// Comparing and wiping MAC material. OpenSSL's CRYPTO_memcmp and OPENSSL_cleanse go one byte
// per step (about 240 instructions each for an HS256 tag and its scratch, a tenth of a verify);
// these do the same job a word at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include <string.h>  // explicit_bzero (glibc >= 2.25)

namespace jwtcheck::detail {

/// True when the `n` bytes at `a` and `b` are equal. The time depends on `n` only, never on the
/// bytes: every word is read and folded into one accumulator, and no branch looks at it before
/// the end. `n` must be public (a MAC's length is).
inline bool constant_time_equal(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept {
  std::uint64_t diff = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    diff |= x ^ y;
  }
  for (; i < n; ++i) diff |= static_cast<std::uint64_t>(a[i] ^ b[i]);
  // Hide the accumulator from the optimiser so it cannot stop at the first differing word.
  asm volatile("" : "+r"(diff));
  return diff == 0;
}

/// Zeroes `n` bytes at `p` in a way the compiler may not drop as a dead store.
inline void wipe(void* p, std::size_t n) noexcept { explicit_bzero(p, n); }

}  // namespace jwtcheck::detail
