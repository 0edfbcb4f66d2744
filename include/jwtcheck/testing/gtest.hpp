// jwtcheck-testing — GoogleTest adapter for the expectation kit: a failed expectation prints the
// whole report (every mismatch, expected versus actual) as the failure message.
//
//   JWTCHECK_EXPECT_TOKEN(expect_token(verified).issuer_is(issuer).has_scopes({"read:reports"}));
#pragma once
/// \file
/// The GoogleTest adapter: JWTCHECK_EXPECT_TOKEN, JWTCHECK_ASSERT_TOKEN.

#include <jwtcheck/testing/expect.hpp>

#include <gtest/gtest.h>

/// The GoogleTest adapter of the expectation kit.
namespace jwtcheck::testing::gtest {

/// A GoogleTest assertion result: success when every expectation is met, else failure carrying the
/// report (usable in EXPECT_TRUE / ASSERT_TRUE).
inline ::testing::AssertionResult meets_expectations(const TokenExpectation& expectation) {
  const ExpectationReport report = expectation.check();
  if (report.passed()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << report.text();
}

}  // namespace jwtcheck::testing::gtest

// `switch (0) case 0: default:` keeps a dangling `else` from binding to the macro's `if`, like
// GoogleTest's own macros; more context may be streamed: JWTCHECK_EXPECT_TOKEN(e) << "for " << id.

/// Checks every expectation; on failure prints the report and the test continues.
#define JWTCHECK_EXPECT_TOKEN(expectation)                                                           \
  switch (0)                                                                                         \
  case 0:                                                                                            \
  default:                                                                                           \
    if (const ::testing::AssertionResult jwtcheck_result_ =                                          \
            ::jwtcheck::testing::gtest::meets_expectations(expectation)) {                           \
    } else                                                                                           \
      ADD_FAILURE() << jwtcheck_result_.message()
/// Checks every expectation; on failure prints the report and returns from the test.
#define JWTCHECK_ASSERT_TOKEN(expectation)                                                           \
  switch (0)                                                                                         \
  case 0:                                                                                            \
  default:                                                                                           \
    if (const ::testing::AssertionResult jwtcheck_result_ =                                          \
            ::jwtcheck::testing::gtest::meets_expectations(expectation)) {                           \
    } else                                                                                           \
      FAIL() << jwtcheck_result_.message()
