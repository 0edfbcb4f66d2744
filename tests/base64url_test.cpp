#include "base64url.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <string>

using jwtcheck::detail::base64url_decode;
using jwtcheck::detail::base64url_encode;

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

BOOST_AUTO_TEST_SUITE_END()
