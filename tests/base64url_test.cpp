#include "base64url.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <string>

using jwtcheck::detail::base64url_decode;
using jwtcheck::detail::base64url_encode;
using jwtcheck::detail::Base64urlPath;
using jwtcheck::detail::base64url_decode_by;
using jwtcheck::detail::base64url_widest_path;

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

BOOST_AUTO_TEST_CASE(takes_the_widest_path_the_cpu_has) {
#if defined(__x86_64__) || defined(__i386__)
  const Base64urlPath widest = __builtin_cpu_supports("avx2")    ? Base64urlPath::avx2
                               : __builtin_cpu_supports("ssse3") ? Base64urlPath::ssse3
                                                                 : Base64urlPath::scalar;
#else
  const Base64urlPath widest = Base64urlPath::scalar;
#endif
  BOOST_TEST((base64url_widest_path() == widest));
  BOOST_TEST_MESSAGE("base64url decodes by path " << static_cast<int>(widest) << " (0 scalar, 1 SSSE3, 2 AVX2)");
}

BOOST_AUTO_TEST_CASE(each_path_stores_as_wide_as_it_says) {
  // Which loop ran shows in the scratch bytes past the 24 decoded from 32 chars: an AVX2 block
  // stores 32 bytes (24-31 zero), the second SSSE3 block 16 from byte 12 (24-27 zero, 28-31
  // untouched), the scalar loop's last 8-byte store starts at byte 18 (24-25 zero, 26-31
  // untouched). A path the CPU lacks runs as the widest it has.
  const std::string_view encoded = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4";  // "foobarbazqux" twice
  for (const Base64urlPath path : {Base64urlPath::scalar, Base64urlPath::ssse3, Base64urlPath::avx2}) {
    const Base64urlPath runs = std::min(path, base64url_widest_path());
    std::array<unsigned char, 48> out;
    out.fill(0x5a);
    BOOST_REQUIRE(base64url_decode_by(path, encoded, out) == std::optional<std::size_t>(24));
    BOOST_TEST(std::string(reinterpret_cast<const char*>(out.data()), 24) == "foobarbazquxfoobarbazqux");
    const std::size_t zeros_to = runs == Base64urlPath::avx2 ? 32 : runs == Base64urlPath::ssse3 ? 28 : 26;
    for (std::size_t k = 24; k < 32; ++k)
      BOOST_TEST(out[k] == (k < zeros_to ? 0 : 0x5a), "path " << static_cast<int>(runs) << ", scratch byte " << k);
  }
}

BOOST_AUTO_TEST_SUITE_END()
