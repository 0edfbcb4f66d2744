#include "keys/key_json.hpp"

#include "json/limited_json.hpp"

namespace jwtcheck::detail {

Result<std::unique_ptr<rapidjson::Document>> parse_key_json(std::string_view text, std::size_t max_depth,
                                                            ErrorCode malformed, std::string_view what) {
  auto doc = std::make_unique<rapidjson::Document>();
  auto parsed = parse_json_object(text, *doc, max_depth, what);
  if (!parsed) {
    Error error = parsed.error();
    if (error.code == ErrorCode::invalid_json) error.code = malformed;  // a key document, not a token part
    return error;
  }
  return doc;
}

}  // namespace jwtcheck::detail
