// The JSON values of a Report's checks (Check::expected_json / actual_json), for programs that
// read the report: a description for people becomes a JSON value only where it is one.
#pragma once

#include <jwtcheck/verifier.hpp>

#include <span>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// `text` itself when it is exactly one JSON value, else `text` as a JSON string.
std::string json_value_or_string(std::string_view text);
/// `text` as a JSON string, whatever it holds.
std::string json_string(std::string_view text);
/// A number as JSON: whole numbers without a fraction ("1700000000"), others as RapidJSON writes them.
std::string json_number(double value);
/// ["a", "b"]
std::string json_strings(std::span<const std::string_view> values);
/// {"alg": …, "kid": …, "thumbprint": …}: the key that verified a signature (kid and thumbprint
/// only when the key has them).
std::string signing_key_json(std::string_view alg, std::string_view kid, std::string_view thumbprint);
/// What a time check wanted: {"now": N, "leeway": L, BOUND_NAME: B}.
std::string time_bound_json(double now, double leeway, std::string_view bound_name, double bound);

}  // namespace jwtcheck::detail
