// application/x-www-form-urlencoded decoding (WHATWG URL §5.1), strict enough for a test server.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck::testing::detail {

/// Decodes one component: "+" is a space, "%XX" a byte. nullopt on a bad or truncated escape.
std::optional<std::string> form_decode(std::string_view text);

/// Decodes a whole body into name -> value. nullopt on a bad escape or a repeated name
/// (RFC 6749 §3.2: parameters must not be included more than once).
std::optional<std::map<std::string, std::string>> parse_form(std::string_view body);

}  // namespace jwtcheck::testing::detail
