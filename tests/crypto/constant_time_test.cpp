// crypto/constant_time.hpp: the MAC comparison answers exactly "equal", whatever the length and
// wherever the difference; the wipe leaves zeros.
#include "crypto/constant_time.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstddef>
#include <random>

using jwtcheck::detail::constant_time_equal;
using jwtcheck::detail::wipe;

BOOST_AUTO_TEST_SUITE(constant_time)

BOOST_AUTO_TEST_CASE(equal_is_true_and_any_one_flipped_bit_is_false_at_every_length_up_to_70) {
  std::mt19937 rng(70);
  std::array<unsigned char, 80> a{}, b{};
  for (std::size_t n = 0; n <= 70; ++n) {
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] = static_cast<unsigned char>(rng());
    // Bytes past n differ and must not count (the word loop must stop at n).
    a[n] = 1;
    b[n] = 2;
    BOOST_TEST(constant_time_equal(a.data(), b.data(), n), "length " << n);
    for (std::size_t i = 0; i < n; ++i)
      for (int bit = 0; bit < 8; ++bit) {
        b[i] ^= static_cast<unsigned char>(1u << bit);
        if (constant_time_equal(a.data(), b.data(), n)) BOOST_ERROR("length " << n << ": byte " << i << " bit " << bit);
        b[i] ^= static_cast<unsigned char>(1u << bit);
      }
  }
}

BOOST_AUTO_TEST_CASE(unaligned_inputs_compare_the_same) {
  std::array<unsigned char, 64> buffer{};
  for (std::size_t i = 0; i < buffer.size(); ++i) buffer[i] = static_cast<unsigned char>(i % 7);
  // buffer[k..k+32) and buffer[k+7..k+39) are equal (period 7) at every offset.
  for (std::size_t k = 0; k < 8; ++k) {
    BOOST_TEST(constant_time_equal(buffer.data() + k, buffer.data() + k + 7, 24));
    BOOST_TEST(!constant_time_equal(buffer.data() + k, buffer.data() + k + 1, 24));
  }
}

BOOST_AUTO_TEST_CASE(wipe_zeroes_exactly_the_bytes_it_is_given) {
  std::array<unsigned char, 48> buffer;
  buffer.fill(0xa5);
  wipe(buffer.data() + 3, 40);
  for (std::size_t i = 0; i < buffer.size(); ++i)
    BOOST_TEST(buffer[i] == (i >= 3 && i < 43 ? 0 : 0xa5), "byte " << i);
}

BOOST_AUTO_TEST_SUITE_END()
