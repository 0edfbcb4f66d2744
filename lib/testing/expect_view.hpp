// The token under test as the expectation kit sees it: parsed header and claims, the clock, and
// the renderings every report line uses (values as compact JSON, cut short).
#pragma once

#include <jwtcheck/testing/expect.hpp>

#include <rapidjson/document.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck::testing::detail {

/// The parsed header and claims of the token under test.
struct TokenView {
  rapidjson::Document header;
  rapidjson::Document claims;
  bool decoded = false;  ///< both are JSON objects; false when the token could not be decoded
  std::int64_t now = 0;  ///< "now" for time expectations
};

/// A claim looked up by name: its value (nullptr when absent) or why the name is unusable.
struct ClaimLookup {
  const rapidjson::Value* value = nullptr;
  std::string name_error;  ///< non-empty when `name` is an invalid JSON Pointer
};

/// Parses both JSON objects; `decoded` is false unless both parse as objects.
void parse_token_view(std::string_view header_json, std::string_view claims_json, TokenView& view);

/// The claim named `name`: a top-level member, or an RFC 6901 JSON Pointer when it starts with "/".
ClaimLookup find_claim(const TokenView& view, const std::string& name);

/// A top-level header member, nullptr when absent.
const rapidjson::Value* find_header_member(const TokenView& view, std::string_view name);

/// `value` as compact JSON, cut to a readable length; "(absent)" for nullptr.
std::string json_for_report(const rapidjson::Value* value);

/// `text` as a JSON string literal (escaped, so untrusted text cannot break a report line).
std::string quoted(std::string_view text);

/// ["a", "b"] of quoted strings.
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace jwtcheck::testing::detail

namespace jwtcheck::testing {

// The opaque view the public header names; all of it is detail::TokenView.
struct TokenExpectation::View : detail::TokenView {};

}  // namespace jwtcheck::testing
