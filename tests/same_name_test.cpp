// lib/same_name.hpp: equality, prefix and suffix tests on short strings agree with
// std::string_view's at every length up to 40, for a difference at every position, and never
// read outside the bytes they are given (ASan checks that: each input is its own allocation).
#include "same_name.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <random>
#include <string>
#include <string_view>

using jwtcheck::detail::ends_with_name;
using jwtcheck::detail::same_name;
using jwtcheck::detail::starts_with_name;

namespace {

// `text` in an allocation of exactly its size, so that any read past it is a heap overflow.
std::unique_ptr<char[]> exact_copy(const std::string& text) {
  auto copy = std::make_unique<char[]>(text.size());
  text.copy(copy.get(), text.size());
  return copy;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(same_name_suite)

BOOST_AUTO_TEST_CASE(agrees_with_string_view_for_a_difference_at_every_position) {
  std::mt19937 rng(40);
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (auto& c : a) c = static_cast<char>('a' + rng() % 26);
    const auto a_copy = exact_copy(a);
    const std::string_view av(a_copy.get(), n);
    {
      const auto b_copy = exact_copy(a);
      BOOST_TEST(same_name(av, std::string_view(b_copy.get(), n)), "length " << n);
    }
    for (std::size_t pos = 0; pos < n; ++pos) {
      std::string b = a;
      b[pos] = static_cast<char>(b[pos] ^ 0x20);
      const auto b_copy = exact_copy(b);
      if (same_name(av, std::string_view(b_copy.get(), n))) BOOST_ERROR("length " << n << ": pos " << pos);
    }
    if (n > 0) {
      const auto shorter = exact_copy(a.substr(0, n - 1));
      BOOST_TEST(!same_name(av, std::string_view(shorter.get(), n - 1)), "length " << n << " vs a prefix");
    }
  }
}

BOOST_AUTO_TEST_CASE(prefix_and_suffix_agree_with_string_view) {
  std::mt19937 rng(41);
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (auto& c : a) c = static_cast<char>('a' + rng() % 3);  // a small alphabet makes near misses
    const auto a_copy = exact_copy(a);
    const std::string_view av(a_copy.get(), n);
    for (std::size_t k = 0; k <= n + 1; ++k) {
      std::string part(k, 'x');
      for (auto& c : part) c = static_cast<char>('a' + rng() % 3);
      if (k <= n && rng() % 2) part = rng() % 2 ? a.substr(0, k) : a.substr(n - k);
      const auto part_copy = exact_copy(part);
      const std::string_view pv(part_copy.get(), k);
      BOOST_TEST(starts_with_name(av, pv) == av.starts_with(pv), "\"" << a << "\" starts with \"" << part << "\"");
      BOOST_TEST(ends_with_name(av, pv) == av.ends_with(pv), "\"" << a << "\" ends with \"" << part << "\"");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
