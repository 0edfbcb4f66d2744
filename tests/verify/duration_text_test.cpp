// jwtcheck::duration_text: the one way durations are written in messages and in the CLI.
#include <jwtcheck/duration_text.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

using jwtcheck::duration_text;

BOOST_AUTO_TEST_SUITE(duration_text_rules)

BOOST_AUTO_TEST_CASE(exact_seconds_below_two_minutes) {
  BOOST_TEST(duration_text(0) == "0 s");
  BOOST_TEST(duration_text(37) == "37 s");
  BOOST_TEST(duration_text(37.5) == "37.5 s");
  BOOST_TEST(duration_text(-37) == "37 s");  // the sign is the caller's ("ago" / "in")
  BOOST_TEST(duration_text(119) == "119 s");
}

BOOST_AUTO_TEST_CASE(rounded_down_units_above) {
  BOOST_TEST(duration_text(120) == "2 min");
  BOOST_TEST(duration_text(3599) == "59 min");
  BOOST_TEST(duration_text(3600) == "1 h");
  BOOST_TEST(duration_text(86399) == "23 h 59 min");
  BOOST_TEST(duration_text(2 * 86400 - 1) == "47 h 59 min");
  BOOST_TEST(duration_text(2 * 86400) == "2 d");
  BOOST_TEST(duration_text(2305941446.0) == "26689 d");  // issue 23: once "2305941446 s"
}

BOOST_AUTO_TEST_CASE(values_beyond_any_real_time_still_read) {
  BOOST_TEST(duration_text(1e300) == "forever");
  BOOST_TEST(duration_text(std::numeric_limits<double>::infinity()) == "forever");
  BOOST_TEST(duration_text(std::nan("")) == "an unknown time");
}

BOOST_AUTO_TEST_SUITE_END()
