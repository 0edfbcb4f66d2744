#include "json/json_errors.hpp"

#include "json/message_quote.hpp"

#include <rapidjson/error/en.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace jwtcheck::detail {

bool is_ascii(std::string_view text) noexcept {
  std::uint64_t high_bits = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    high_bits |= word;
  }
  for (; i < text.size(); ++i) high_bits |= static_cast<unsigned char>(text[i]);
  return (high_bits & 0x8080808080808080ull) == 0;
}

Error json_syntax_error(std::string_view what, rapidjson::ParseErrorCode code, std::size_t offset) {
  const std::string reason = code == rapidjson::kParseErrorStringInvalidEncoding
                                 ? "invalid UTF-8 in a string"
                                 : rapidjson::GetParseError_En(code);
  return Error{ErrorCode::invalid_json,
               std::string(what) + ": invalid JSON at byte " + std::to_string(offset) + ": " + reason};
}

Error json_too_deep_error(std::string_view what, std::size_t max_depth) {
  return Error{ErrorCode::json_too_deep,
               std::string(what) + ": JSON nested deeper than " + std::to_string(max_depth) + " levels"};
}

Error json_duplicate_error(std::string_view what, std::string_view name) {
  return Error{ErrorCode::duplicate_member, std::string(what) + ": duplicate member " + quote_for_message(name)};
}

Error json_not_object_error(std::string_view what, std::string_view got) {
  return Error{ErrorCode::invalid_json, std::string(what) + ": expected a JSON object, got " + std::string(got)};
}

}  // namespace jwtcheck::detail
