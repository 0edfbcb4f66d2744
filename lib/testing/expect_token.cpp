// Building a TokenExpectation from what a test has (a verified token, a verdict, raw text) and
// checking it: every expectation runs, none stops the others.
#include <jwtcheck/testing/expect.hpp>
#include <jwtcheck/token.hpp>
#include <jwtcheck/verifier_options.hpp>

#include "testing/expect_view.hpp"

namespace jwtcheck::testing {

namespace {

constexpr const char* not_decoded = "the token has no decoded header and claims";

std::string describe_errors(const std::vector<Error>& errors) {
  std::string text;
  for (const Error& error : errors) {
    if (!text.empty()) text += "; ";
    text += std::string(code_name(error.code)) + ": " + error.message;
  }
  return text.empty() ? "an invalid verdict without errors" : text;
}

Mismatch verification_failed(std::string actual) {
  return Mismatch{"verification", "a token that passes verification", std::move(actual)};
}

}  // namespace

TokenExpectation::TokenExpectation(TokenProvenance provenance, std::string header_json, std::string claims_json,
                                   std::vector<Mismatch> preconditions)
    : provenance_(provenance),
      header_json_(std::move(header_json)),
      claims_json_(std::move(claims_json)),
      preconditions_(std::move(preconditions)) {}

TokenExpectation& TokenExpectation::add(Expectation expectation) {
  expectations_.push_back(std::move(expectation));
  return *this;
}

TokenExpectation& TokenExpectation::at(std::int64_t unix_seconds) {
  now_ = unix_seconds;
  return *this;
}

ExpectationReport TokenExpectation::check() const {
  View view;
  detail::parse_token_view(header_json_, claims_json_, view);
  view.now = now_ ? *now_ : system_clock_now();

  ExpectationReport report;
  report.provenance = provenance_;
  const rapidjson::Value* alg = detail::find_header_member(view, "alg");
  if (alg != nullptr && alg->IsString()) report.alg.assign(alg->GetString(), alg->GetStringLength());
  report.checked = preconditions_.size() + (provenance_ == TokenProvenance::verified ? 1 : 0);
  report.mismatches = preconditions_;
  for (const Expectation& expectation : expectations_) {
    // Without claims "absent" would be a lie (and claim_is_absent would pass): not checked.
    if (!view.decoded) {
      report.mismatches.push_back(Mismatch{expectation.what, expectation.expected, not_decoded, false});
      continue;
    }
    ++report.checked;
    if (std::optional<std::string> actual = expectation.unmet(view))
      report.mismatches.push_back(Mismatch{expectation.what, expectation.expected, std::move(*actual)});
  }
  return report;
}

TokenExpectation expect_token(const VerifiedToken& token) {
  return TokenExpectation(TokenProvenance::verified, std::string(token.header_json()),
                          std::string(token.claims_json()), {});
}

TokenExpectation expect_token(const Result<VerifiedToken>& verified) {
  if (verified) return expect_token(*verified);
  const Error& error = verified.error();
  return TokenExpectation(TokenProvenance::failed_verification, {}, {},
                          {verification_failed(std::string(code_name(error.code)) + ": " + error.message)});
}

TokenExpectation expect_token(const Report& report) {
  if (report.valid) return TokenExpectation(TokenProvenance::verified, report.header_json, report.claims_json, {});
  return TokenExpectation(TokenProvenance::failed_verification, report.header_json, report.claims_json,
                          {verification_failed(describe_errors(report.errors))});
}

TokenExpectation expect_unverified_token(std::string_view compact_token) {
  auto decoded = decode_unverified(compact_token);
  if (!decoded) {
    const Error& error = decoded.error();
    return TokenExpectation(TokenProvenance::unverified, {}, {},
                            {Mismatch{"decode", "a compact JWS whose header and claims decode",
                                      std::string(code_name(error.code)) + ": " + error.message}});
  }
  return TokenExpectation(TokenProvenance::unverified, std::move(decoded->header_json),
                          std::move(decoded->claims_json), {});
}

}  // namespace jwtcheck::testing
