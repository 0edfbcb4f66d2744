// ExpectationReport::text: the failure message a test framework prints.
#include <jwtcheck/testing/expect.hpp>

#include "testing/expect_view.hpp"

namespace jwtcheck::testing {

namespace {

std::string provenance_label(TokenProvenance provenance) {
  switch (provenance) {
    case TokenProvenance::verified: return "verified token";
    case TokenProvenance::failed_verification: return "token that FAILED verification";
    case TokenProvenance::unverified: return "UNVERIFIED (shape only) token";
  }
  return "token";
}

}  // namespace

std::string ExpectationReport::text() const {
  std::string text = provenance_label(provenance);
  if (!alg.empty()) text += " (alg " + detail::quoted(alg) + ")";
  if (passed()) return text + ": all " + std::to_string(checked) + " expectations met\n";
  text += ": " + std::to_string(mismatches.size()) + " of " + std::to_string(checked) + " expectations not met\n";
  for (const Mismatch& mismatch : mismatches) {
    text += "  - " + mismatch.what + ": expected " + mismatch.expected + ", got " + mismatch.actual + "\n";
  }
  return text;
}

}  // namespace jwtcheck::testing
