#include "keys/limited_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <string>
#include <vector>

namespace jwtcheck::detail {

namespace {

// Forwards SAX events into a Document, refusing to open a container beyond max_depth.
class DepthLimitedHandler {
 public:
  DepthLimitedHandler(rapidjson::Document& doc, std::size_t max_depth) : doc_(doc), max_depth_(max_depth) {}

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(std::int64_t i) { return doc_.Int64(i); }
  bool Uint64(std::uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return doc_.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_.Key(s, n, copy); }
  bool StartObject() { return enter() && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { --depth_; return doc_.EndObject(n); }
  bool StartArray() { return enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { --depth_; return doc_.EndArray(n); }

  bool too_deep() const noexcept { return too_deep_; }

 private:
  bool enter() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }

  rapidjson::Document& doc_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
};

// Finds a member name that appears twice in one object, anywhere in the value. Sorting the
// names keeps this O(n log n) even for an object with many members.
const rapidjson::Value* find_duplicate_member(const rapidjson::Value& value) {
  if (value.IsArray()) {
    for (const auto& element : value.GetArray())
      if (const auto* dup = find_duplicate_member(element)) return dup;
    return nullptr;
  }
  if (!value.IsObject()) return nullptr;
  std::vector<std::string_view> names;
  names.reserve(value.MemberCount());
  for (const auto& m : value.GetObject()) {
    names.emplace_back(m.name.GetString(), m.name.GetStringLength());
    if (const auto* dup = find_duplicate_member(m.value)) return dup;
  }
  std::sort(names.begin(), names.end());
  const auto dup = std::adjacent_find(names.begin(), names.end());
  if (dup == names.end()) return nullptr;
  return &value.FindMember(rapidjson::Value(rapidjson::StringRef(dup->data(), static_cast<rapidjson::SizeType>(dup->size()))))->name;
}

}  // namespace

std::string excerpt_for_message(std::string_view text, std::size_t max_chars) {
  std::string out;
  for (char c : text.substr(0, max_chars)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > max_chars) out += "...";
  return out;
}

Result<std::unique_ptr<rapidjson::Document>> parse_limited_json(std::string_view text, std::size_t max_depth,
                                                                ErrorCode syntax_error, std::string_view what) {
  // RapidJSON's memory stream reads NUL as the end of input: "{}\0junk" would pass. Refuse NULs.
  if (text.find('\0') != std::string_view::npos) return Error{syntax_error, std::string(what) + " contains a NUL byte"};
  auto doc = std::make_unique<rapidjson::Document>();
  DepthLimitedHandler handler(*doc, max_depth);
  rapidjson::ParseResult parsed;
  auto generator = [&](rapidjson::Document& target) {
    (void)target;  // the handler already forwards into *doc
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    parsed = reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(stream, handler);
    return !parsed.IsError();
  };
  doc->Populate(generator);
  if (handler.too_deep())
    return Error{ErrorCode::json_too_deep, std::string(what) + " nests deeper than " + std::to_string(max_depth) + " levels"};
  if (parsed.IsError())
    return Error{syntax_error, std::string(what) + " is not valid JSON: " + rapidjson::GetParseError_En(parsed.Code()) +
                                   " at offset " + std::to_string(parsed.Offset())};
  if (const auto* dup = find_duplicate_member(*doc))
    return Error{ErrorCode::duplicate_member,
                 std::string(what) + " has the member name \"" + excerpt_for_message(dup->GetString()) + "\" twice in one object"};
  return doc;
}

}  // namespace jwtcheck::detail
