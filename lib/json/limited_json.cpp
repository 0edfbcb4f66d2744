#include "json/limited_json.hpp"

#include "json/depth_limited_handler.hpp"
#include "json/duplicate_members.hpp"
#include "json/json_errors.hpp"
#include "json/json_kind.hpp"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <string>

namespace jwtcheck::detail {

namespace {

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
  if (too_deep) return json_too_deep_error(what, max_depth);
  if (parsed.IsError()) return json_syntax_error(what, parsed.Code(), parsed.Offset());
  // The reader treats a NUL byte as the end of input; anything after it would go unseen.
  if (stream.Tell() != size)
    return json_syntax_error(what, rapidjson::kParseErrorDocumentRootNotSingular, stream.Tell());
  if (!doc.IsObject()) return json_not_object_error(what, kind_name(json_kind(doc.GetType())));
  if (auto dup = find_duplicate_member(doc)) return json_duplicate_error(what, *dup);
  return {};
}

}  // namespace

Result<void> parse_json_object(std::string_view text, rapidjson::Document& doc, std::size_t max_depth,
                               std::string_view what) {
  max_depth = effective_json_depth(max_depth);
  rapidjson::MemoryStream stream(text.data(), text.size());
  if (is_ascii(text)) return parse_with_limits<kJsonStrictFlags>(stream, text.size(), doc, max_depth, what);
  return parse_with_limits<kJsonStrictFlags | kJsonValidateUtf8>(stream, text.size(), doc, max_depth, what);
}

}  // namespace jwtcheck::detail
