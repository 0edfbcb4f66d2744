// jwtcheck-testing — fluent expectations over an access token, for tests. Every expectation is
// checked and one report lists every mismatch with expected versus actual, so a failing test
// says everything that is wrong with a token at once.
//
//   auto verified = verifier.verify(token);
//   auto report = expect_token(verified)
//                     .issuer_is("https://tenant.example/")
//                     .audience_contains("https://api.example")
//                     .subject_is_client("my-client")
//                     .has_scopes({"read:reports"})
//                     .check();
//   if (!report) std::puts(report.text().c_str());
//
// Adapters print the report as the failure message: <jwtcheck/testing/boost_test.hpp> and
// <jwtcheck/testing/gtest.hpp>.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/verifier.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

/// jwtcheck-testing: minting tokens, a local tenant, and expectations over a token.
namespace jwtcheck::testing {

/// Where the token under test came from, and so how far its content can be trusted.
enum class TokenProvenance {
  verified,             ///< a VerifiedToken, or a Report whose verdict is valid
  failed_verification,  ///< a failed verify() or an invalid Report: the failure is itself a mismatch
  unverified,           ///< decoded only (expect_unverified_token): shape, not authenticity
};

/// One expectation the token did not meet, or that could not be checked at all.
struct Mismatch {
  std::string what;      ///< what was checked: "iss", "aud", "scope", "claim \"tenant\"", "verification"…
  std::string expected;  ///< e.g. "to contain \"https://api\""
  std::string actual;    ///< e.g. "[\"https://other\"]"; for one not checked, why not
  /// False when the expectation could not be evaluated: the token has no decoded header and
  /// claims (it failed verification or does not decode). Not met and not checked both fail.
  bool checked = true;
};

/// The outcome of checking every expectation of a TokenExpectation.
struct JWTCHECK_API ExpectationReport {
  TokenProvenance provenance = TokenProvenance::unverified;  ///< where the token came from
  std::string alg;                   ///< the header alg, for the report's first line
  std::size_t checked = 0;           ///< expectations evaluated (a verification counts as one)
  std::vector<Mismatch> mismatches;  ///< every expectation not met or not checked, in the order declared

  /// How many expectations could not be evaluated (Mismatch::checked false); not in `checked`.
  std::size_t not_checked() const noexcept;
  /// True when every expectation was checked and met.
  bool passed() const noexcept { return mismatches.empty(); }
  /// passed().
  explicit operator bool() const noexcept { return passed(); }
  /// For people: a first line with the provenance ("UNVERIFIED (shape only)" for decoded-only
  /// tokens) and the counts ("1 of 1 expectations not met, 2 not checked"), then one
  /// "  - what: expected …, got …" line per expectation not met and one
  /// "  - what: not checked (expected …)" line per expectation not checked.
  std::string text() const;
};

/// Fluent expectations over one token. Each call adds an expectation; check() evaluates them all.
/// Claims are named by their top-level member name, or by an RFC 6901 JSON Pointer when the name
/// starts with "/" (e.g. "/https:~1~1example.com~1tenant/id").
class JWTCHECK_API TokenExpectation {
 public:
  /// An expectation about the header and claims given as JSON text (use expect_token instead).
  TokenExpectation(TokenProvenance provenance, std::string header_json, std::string claims_json,
                   std::vector<Mismatch> preconditions);

  /// "iss" equals `issuer` exactly.
  TokenExpectation& issuer_is(std::string issuer);
  /// "aud" (a string or an array) contains `audience`.
  TokenExpectation& audience_contains(std::string audience);
  /// "sub" is "CLIENT_ID@clients" with a non-empty CLIENT_ID (a machine-to-machine token).
  TokenExpectation& subject_is_client();
  /// "sub" is exactly client_id + "@clients".
  TokenExpectation& subject_is_client(std::string client_id);
  /// The "scope" string (and "scp", when present) grants every one of `scopes`.
  TokenExpectation& has_scopes(std::vector<std::string> scopes);
  /// The scopes granted ("scope" and "scp") are exactly `scopes`, in any order.
  TokenExpectation& has_exactly_scopes(std::vector<std::string> scopes);
  /// Auth0's "permissions" array contains `permission`.
  TokenExpectation& has_permission(std::string permission);
  /// "exp" is in the future and at most `duration` from now.
  TokenExpectation& expires_within(std::chrono::seconds duration);
  /// The header "alg" is one of `algs`.
  TokenExpectation& alg_is_one_of(std::vector<Alg> algs);
  /// The header "typ" is exactly `typ` (e.g. "at+jwt", "JWT").
  TokenExpectation& header_typ_is(std::string typ);
  /// The claim is present and equal to the JSON value `json_value` (e.g. "42", "\"x\"", "[1,2]";
  /// objects compare regardless of member order).
  TokenExpectation& claim_equals(std::string claim, std::string json_value);
  /// The claim is a string that `pattern` (ECMAScript syntax) matches entirely.
  TokenExpectation& claim_matches(std::string claim, std::string pattern);
  /// As above with a ready std::regex; `description` stands for it in the report.
  TokenExpectation& claim_matches(std::string claim, std::regex pattern, std::string description);
  /// The claim is not present.
  TokenExpectation& claim_is_absent(std::string claim);
  /// Evaluate time expectations as of `unix_seconds` instead of the system clock.
  TokenExpectation& at(std::int64_t unix_seconds);

  /// Checks every expectation; never throws, never stops at the first mismatch.
  ExpectationReport check() const;

 private:
  // One expectation: its report line's subject and expected text, and a test that returns the
  // actual value when the token does not meet it (nullopt when it does).
  struct View;  // the parsed header and claims; defined inside the library
  struct Expectation {
    std::string what, expected;
    std::function<std::optional<std::string>(const View&)> unmet;
  };
  TokenExpectation& add(Expectation expectation);

  TokenProvenance provenance_;
  std::string header_json_, claims_json_;
  std::vector<Mismatch> preconditions_;
  std::vector<Expectation> expectations_;
  std::optional<std::int64_t> now_;
};

/// Expectations over a token that passed Verifier::verify.
JWTCHECK_API TokenExpectation expect_token(const VerifiedToken& token);
/// Expectations over the result of Verifier::verify; a failure is reported as a mismatch.
JWTCHECK_API TokenExpectation expect_token(const Result<VerifiedToken>& verified);
/// Expectations over a Verifier::check Report; an invalid verdict is reported as a mismatch.
JWTCHECK_API TokenExpectation expect_token(const Report& report);
/// Expectations over a token that is only decoded, never verified: the report says
/// "UNVERIFIED (shape only)". A token that cannot be decoded is reported as a mismatch.
JWTCHECK_API TokenExpectation expect_unverified_token(std::string_view compact_token);

}  // namespace jwtcheck::testing
