// jwtcheck-testing — Boost.Test adapter for the expectation kit: a failed expectation prints the
// whole report (every mismatch, expected versus actual) as the assertion's failure message.
//
//   JWTCHECK_CHECK_TOKEN(expect_token(verified).issuer_is(issuer).has_scopes({"read:reports"}));
#pragma once
/// \file
/// The Boost.Test adapter: JWTCHECK_CHECK_TOKEN, JWTCHECK_REQUIRE_TOKEN, JWTCHECK_EXPECT_TOKEN.

#include <jwtcheck/testing/expect.hpp>

#include <boost/test/unit_test.hpp>

#include <ostream>

namespace jwtcheck::testing {

/// Lets BOOST_TEST print a TokenProvenance when a comparison of two fails.
inline std::ostream& boost_test_print_type(std::ostream& out, TokenProvenance provenance) {
  switch (provenance) {
    case TokenProvenance::verified: return out << "verified";
    case TokenProvenance::failed_verification: return out << "failed_verification";
    case TokenProvenance::unverified: return out << "unverified";
  }
  return out << "TokenProvenance(" << static_cast<int>(provenance) << ")";
}

}  // namespace jwtcheck::testing

/// The Boost.Test adapter of the expectation kit.
namespace jwtcheck::testing::boost_test {

/// A Boost.Test predicate result: true when every expectation is met, else false with the report
/// as its message (usable in BOOST_TEST, BOOST_CHECK and BOOST_REQUIRE).
inline boost::test_tools::predicate_result meets_expectations(const TokenExpectation& expectation) {
  const ExpectationReport report = expectation.check();
  boost::test_tools::predicate_result result(report.passed());
  if (!report.passed()) result.message() << "\n" << report.text();
  return result;
}

}  // namespace jwtcheck::testing::boost_test

/// Checks every expectation; on failure logs the report and the test continues.
#define JWTCHECK_CHECK_TOKEN(expectation) \
  BOOST_CHECK(::jwtcheck::testing::boost_test::meets_expectations(expectation))
/// Checks every expectation; on failure logs the report and ends the test case.
#define JWTCHECK_REQUIRE_TOKEN(expectation) \
  BOOST_REQUIRE(::jwtcheck::testing::boost_test::meets_expectations(expectation))
/// The same as JWTCHECK_CHECK_TOKEN, named like the GoogleTest adapter's macro.
#define JWTCHECK_EXPECT_TOKEN(expectation) JWTCHECK_CHECK_TOKEN(expectation)
