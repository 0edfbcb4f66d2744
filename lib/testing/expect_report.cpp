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

// Why the expectations that were not checked could not be: the first one's reason (they share it).
std::string mismatches_reason(const ExpectationReport& report) {
  for (const Mismatch& mismatch : report.mismatches) {
    if (!mismatch.checked) return mismatch.actual;
  }
  return {};
}

}  // namespace

std::size_t ExpectationReport::not_checked() const noexcept {
  std::size_t count = 0;
  for (const Mismatch& mismatch : mismatches) count += mismatch.checked ? 0 : 1;
  return count;
}

std::string ExpectationReport::text() const {
  std::string text = provenance_label(provenance);
  if (!alg.empty()) text += " (alg " + detail::quoted(alg) + ")";
  if (passed()) return text + ": all " + std::to_string(checked) + " expectations met\n";
  const std::size_t unchecked = not_checked();
  text += ": " + std::to_string(mismatches.size() - unchecked) + " of " + std::to_string(checked) + " expectations not met";
  if (unchecked > 0) text += ", " + std::to_string(unchecked) + " not checked (" + mismatches_reason(*this) + ")";
  text += "\n";
  for (const Mismatch& mismatch : mismatches) {
    if (mismatch.checked) {
      text += "  - " + mismatch.what + ": expected " + mismatch.expected + ", got " + mismatch.actual + "\n";
    } else {
      text += "  - " + mismatch.what + ": not checked (expected " + mismatch.expected + ")\n";
    }
  }
  return text;
}

}  // namespace jwtcheck::testing
