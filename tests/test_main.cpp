// The one Boost.Test main shared by every suite executable.
#define BOOST_TEST_MODULE jwtcheck
#include <boost/test/unit_test.hpp>
