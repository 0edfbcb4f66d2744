#include "base64url.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <string>

using jwtcheck::detail::base64url_decode;
using jwtcheck::detail::base64url_encode;
using jwtcheck::detail::base64url_simd_available;

BOOST_AUTO_TEST_SUITE(base64url)

BOOST_AUTO_TEST_CASE(round_trips_every_length) {
  std::string data;
  for (int len = 0; len < 70; ++len) {
    auto encoded = base64url_encode(data);
    BOOST_TEST(encoded.find_first_of("+/=") == std::string::npos);
    auto decoded = base64url_decode(encoded);
    BOOST_REQUIRE(decoded.has_value());
    BOOST_TEST(*decoded == data);
    data.push_back(static_cast<char>(len * 37 + 255));
  }
}

BOOST_AUTO_TEST_CASE(rfc4648_vectors) {
  BOOST_TEST(base64url_encode(std::string("f")) == "Zg");
  BOOST_TEST(base64url_encode(std::string("fo")) == "Zm8");
  BOOST_TEST(base64url_encode(std::string("foo")) == "Zm9v");
  BOOST_TEST(base64url_encode(std::string("\xfb\xff", 2)) == "-_8");
  BOOST_TEST(*base64url_decode(std::string("-_8")) == std::string("\xfb\xff", 2));
}

BOOST_AUTO_TEST_CASE(refuses_non_strict_input) {
  for (const char* bad : {"Zg==", "Zg=", "+/8", "-_8/", "Zm9v Zg", "Zm9v\n", "Z", "Zm9vZ", "Zh", "Zm9", "Zm8=", "Zm9vYr",
                          "\x80\x80", "Zm\0v"}) {
    BOOST_TEST_CONTEXT("input " << bad) { BOOST_TEST(!base64url_decode(std::string(bad)).has_value()); }
  }
  // An embedded NUL is not an alphabet character.
  BOOST_TEST(!base64url_decode(std::string("Zm\0v", 4)).has_value());
}

BOOST_AUTO_TEST_CASE(refuses_non_canonical_trailing_bits) {
  // "Zg" is canonical for "f"; "Zh".."Zv" carry nonzero unused bits.
  BOOST_TEST(base64url_decode(std::string("Zg")).has_value());
  for (const char* bad : {"Zh", "Zi", "Zv", "Zm9", "Zm-"}) BOOST_TEST(!base64url_decode(std::string(bad)).has_value());
  BOOST_TEST(base64url_decode(std::string("Zm8")).has_value());
}

BOOST_AUTO_TEST_CASE(takes_the_simd_path_where_the_cpu_has_ssse3) {
#if defined(__x86_64__) || defined(__i386__)
  BOOST_TEST(base64url_simd_available() == (__builtin_cpu_supports("ssse3") != 0));
#else
  BOOST_TEST(!base64url_simd_available());
#endif
  // Which loop ran shows in the scratch bytes past the 12 decoded from 16 chars: the SSSE3 block
  // stores 16 bytes (bytes 12-15 zero), the scalar loop 8 at a time (bytes 14-15 untouched).
  std::array<unsigned char, 32> out;
  out.fill(0x5a);
  BOOST_REQUIRE(base64url_decode("Zm9vYmFyYmF6cXV4", out) == std::optional<std::size_t>(12));
  BOOST_TEST(std::string(reinterpret_cast<const char*>(out.data()), 12) == "foobarbazqux");
  if (base64url_simd_available()) {
    BOOST_TEST((out[12] == 0 && out[13] == 0 && out[14] == 0 && out[15] == 0));
  } else {
    BOOST_TEST((out[14] == 0x5a && out[15] == 0x5a));
  }
}

BOOST_AUTO_TEST_SUITE_END()
