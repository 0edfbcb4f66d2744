// Any claim by name or JSON Pointer: equals a JSON value, matches a regex, or is absent.
#include <jwtcheck/testing/expect.hpp>

#include "testing/expect_view.hpp"

#include <memory>

namespace jwtcheck::testing {

namespace {

using detail::json_for_report;
using detail::quoted;
using detail::TokenView;

std::string claim_label(const std::string& claim) { return "claim " + quoted(claim); }

// A regex, or why it could not be built (std::regex throws; the kit reports instead).
struct CompiledPattern {
  std::optional<std::regex> regex;
  std::string error;
};

CompiledPattern compile(const std::string& pattern) {
  try {
    return {std::regex(pattern, std::regex::ECMAScript), {}};
  } catch (const std::regex_error& error) {
    return {std::nullopt, std::string("an invalid regular expression (") + error.what() + ")"};
  }
}

std::optional<std::string> unless_matches(const TokenView& view, const std::string& claim, const std::regex& regex) {
  const detail::ClaimLookup lookup = detail::find_claim(view, claim);
  if (!lookup.name_error.empty()) return lookup.name_error;
  const rapidjson::Value* value = lookup.value;
  if (value != nullptr && value->IsString() &&
      std::regex_match(value->GetString(), value->GetString() + value->GetStringLength(), regex))
    return std::nullopt;
  return json_for_report(value);
}

}  // namespace

TokenExpectation& TokenExpectation::claim_equals(std::string claim, std::string json_value) {
  auto expected = std::make_shared<rapidjson::Document>();
  expected->Parse(json_value.data(), json_value.size());
  if (expected->HasParseError()) {
    return add({claim_label(claim), "the JSON value " + quoted(json_value),
                [](const TokenView&) -> std::optional<std::string> {
                  return "nothing to compare: the expected value is not valid JSON";
                }});
  }
  return add({claim_label(claim), json_for_report(expected.get()),
              [claim, expected](const TokenView& view) -> std::optional<std::string> {
                const detail::ClaimLookup lookup = detail::find_claim(view, claim);
                if (!lookup.name_error.empty()) return lookup.name_error;
                if (lookup.value != nullptr && *lookup.value == *expected) return std::nullopt;
                return json_for_report(lookup.value);
              }});
}

TokenExpectation& TokenExpectation::claim_matches(std::string claim, std::string pattern) {
  CompiledPattern compiled = compile(pattern);
  if (!compiled.regex) {
    return add({claim_label(claim), "a string matching /" + pattern + "/",
                [error = compiled.error](const TokenView&) -> std::optional<std::string> {
                  return "nothing to match: the pattern is " + error;
                }});
  }
  return claim_matches(std::move(claim), std::move(*compiled.regex), "/" + pattern + "/");
}

TokenExpectation& TokenExpectation::claim_matches(std::string claim, std::regex pattern, std::string description) {
  std::string label = claim_label(claim);
  return add({std::move(label), "a string matching " + description,
              [claim = std::move(claim), pattern = std::move(pattern)](const TokenView& view) {
                return unless_matches(view, claim, pattern);
              }});
}

TokenExpectation& TokenExpectation::claim_is_absent(std::string claim) {
  return add({claim_label(claim), "absent", [claim](const TokenView& view) -> std::optional<std::string> {
                const detail::ClaimLookup lookup = detail::find_claim(view, claim);
                if (!lookup.name_error.empty()) return lookup.name_error;
                if (lookup.value == nullptr) return std::nullopt;
                return json_for_report(lookup.value);
              }});
}

}  // namespace jwtcheck::testing
