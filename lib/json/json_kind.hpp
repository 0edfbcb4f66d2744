// The kinds of JSON value, and how messages name them.
#pragma once

#include <rapidjson/rapidjson.h>

#include <cstdint>
#include <string_view>

namespace jwtcheck::detail {

enum class JsonKind : std::uint8_t { null, boolean, number, string, array, object };

/// The kind of a RapidJSON value of `type`.
JsonKind json_kind(rapidjson::Type type) noexcept;

/// "null", "a boolean", "a number", "a string", "an array" or "an object", for messages.
std::string_view kind_name(JsonKind kind) noexcept;

}  // namespace jwtcheck::detail
