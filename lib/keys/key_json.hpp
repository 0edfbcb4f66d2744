// JWK / JWKS text to a RapidJSON document through the json module's limited parser (depth,
// duplicate names, strict UTF-8, no trailing bytes), with errors in the keys' own vocabulary.
#pragma once

#include <jwtcheck/error.hpp>

#include <rapidjson/document.h>

#include <cstddef>
#include <memory>
#include <string_view>

namespace jwtcheck::detail {

/// Parses one JSON object. Errors: json_too_deep, duplicate_member, and `malformed` (invalid_jwks
/// or invalid_key) for bad JSON, invalid UTF-8, NUL or trailing bytes, or a root that is not an
/// object. `what` ("JWKS", "JWK") names the document in messages.
Result<std::unique_ptr<rapidjson::Document>> parse_key_json(std::string_view text, std::size_t max_depth,
                                                            ErrorCode malformed, std::string_view what);

}  // namespace jwtcheck::detail
