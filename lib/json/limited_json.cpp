#include "json/limited_json.hpp"

#include "json/depth_limited_handler.hpp"
#include "json/duplicate_members.hpp"
#include "json/message_quote.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace jwtcheck::detail {

namespace {

// No comments, no NaN/Infinity, no trailing commas: plain RFC 8259.
constexpr unsigned kStrictFlags = rapidjson::kParseDefaultFlags;
// Checking UTF-8 disables RapidJSON's fast string scanning, so it is only asked for when the
// text has a non-ASCII byte: pure ASCII is valid UTF-8, and escapes are decoded the same way
// with or without the flag.
constexpr unsigned kValidateUtf8 = rapidjson::kParseValidateEncodingFlag;

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

std::string_view type_name(rapidjson::Type type) noexcept {
  switch (type) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return "a number";
  }
  return "?";
}

Error parse_error(std::string_view what, rapidjson::ParseErrorCode code, std::size_t offset) {
  const std::string reason = code == rapidjson::kParseErrorStringInvalidEncoding
                                 ? "invalid UTF-8 in a string"
                                 : rapidjson::GetParseError_En(code);
  return Error{ErrorCode::invalid_json,
               std::string(what) + ": invalid JSON at byte " + std::to_string(offset) + ": " + reason};
}

// Runs the reader through the depth limit into `doc`, then applies the checks RapidJSON lacks.
template <unsigned Flags, class Document, class Stream>
Result<void> parse_with_limits(Stream& stream, std::size_t size, Document& doc, std::size_t max_depth,
                               std::string_view what) {
  bool too_deep = false;
  rapidjson::ParseResult parsed;
  auto generate = [&](Document& target) {
    rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator> reader;
    DepthLimitedHandler<Document> handler(target, max_depth);
    parsed = reader.template Parse<Flags>(stream, handler);
    too_deep = handler.too_deep();
    return !parsed.IsError();
  };
  doc.Populate(generate);
  if (too_deep)
    return Error{ErrorCode::json_too_deep,
                 std::string(what) + ": JSON nested deeper than " + std::to_string(max_depth) + " levels"};
  if (parsed.IsError()) return parse_error(what, parsed.Code(), parsed.Offset());
  // The reader treats a NUL byte as the end of input; anything after it would go unseen.
  if (stream.Tell() != size) return parse_error(what, rapidjson::kParseErrorDocumentRootNotSingular, stream.Tell());
  if (!doc.IsObject())
    return Error{ErrorCode::invalid_json,
                 std::string(what) + ": expected a JSON object, got " + std::string(type_name(doc.GetType()))};
  if (auto dup = find_duplicate_member(doc))
    return Error{ErrorCode::duplicate_member, std::string(what) + ": duplicate member " + quote_for_message(*dup)};
  return {};
}

}  // namespace

Result<void> parse_json_object_in_situ(char* text, std::size_t size, JsonDocument& doc, std::size_t max_depth,
                                       std::string_view what) {
  constexpr unsigned kFlags = kStrictFlags | rapidjson::kParseInsituFlag;
  rapidjson::InsituStringStream stream(text);
  if (is_ascii({text, size})) return parse_with_limits<kFlags>(stream, size, doc, max_depth, what);
  return parse_with_limits<kFlags | kValidateUtf8>(stream, size, doc, max_depth, what);
}

Result<void> parse_json_object(std::string_view text, rapidjson::Document& doc, std::size_t max_depth,
                               std::string_view what) {
  rapidjson::MemoryStream stream(text.data(), text.size());
  if (is_ascii(text)) return parse_with_limits<kStrictFlags>(stream, text.size(), doc, max_depth, what);
  return parse_with_limits<kStrictFlags | kValidateUtf8>(stream, text.size(), doc, max_depth, what);
}

}  // namespace jwtcheck::detail
