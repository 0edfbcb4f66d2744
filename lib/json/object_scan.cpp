#include "json/object_scan.hpp"

#include "json/duplicate_members.hpp"
#include "json/json_errors.hpp"
#include "json/plain_json_reader.hpp"

#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <algorithm>
#include <bit>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace jwtcheck::detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The index just past the JSON string opening at text[i] (valid JSON: the parse succeeded).
std::size_t skip_string(std::string_view text, std::size_t i) noexcept {
  for (++i; i < text.size() && text[i] != '"'; ++i)
    if (text[i] == '\\') ++i;
  return std::min(i + 1, text.size());
}

// The index just past the JSON value starting at text[i].
std::size_t skip_value(std::string_view text, std::size_t i) noexcept {
  if (i >= text.size()) return i;
  if (text[i] == '"') return skip_string(text, i);
  if (text[i] != '[' && text[i] != '{') {
    while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != ']' && text[i] != '}') ++i;
    return i;
  }
  std::size_t depth = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      i = skip_string(text, i);
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if ((c == ']' || c == '}') && --depth == 0) return i + 1;
    ++i;
  }
  return i;
}

}  // namespace

// The SAX side of ObjectScan. Depth counts open containers: the root object is depth 1, so a
// top-level member's value arrives at depth 1 and a kept array's elements at depth 2.
class ObjectScanHandler {
 public:
  using Ch = char;

  ObjectScanHandler(ObjectScan& scan, const char* text, std::string_view original, std::size_t max_depth,
                    SlotOf slot_of) noexcept
      : scan_(scan), text_(text), original_(original), max_depth_(max_depth), slot_of_(slot_of) {}

  bool too_deep() const noexcept { return too_deep_; }
  const std::optional<std::string_view>& duplicate() const noexcept { return duplicate_; }
  JsonKind root_kind() const noexcept { return root_kind_; }

  bool Null() { return scalar(JsonKind::null, {}, 0); }
  bool Bool(bool) { return scalar(JsonKind::boolean, {}, 0); }
  bool Int(int i) { return scalar(JsonKind::number, {}, static_cast<double>(i)); }
  bool Uint(unsigned u) { return scalar(JsonKind::number, {}, static_cast<double>(u)); }
  bool Int64(std::int64_t i) { return scalar(JsonKind::number, {}, static_cast<double>(i)); }
  bool Uint64(std::uint64_t u) { return scalar(JsonKind::number, {}, static_cast<double>(u)); }
  bool Double(double d) { return scalar(JsonKind::number, {}, d); }
  bool RawNumber(const Ch*, rapidjson::SizeType, bool) { return false; }  // never requested
  bool String(const Ch* s, rapidjson::SizeType n, bool) { return scalar(JsonKind::string, {s, n}, 0); }

  [[gnu::always_inline]] bool Key(const Ch* s, rapidjson::SizeType n, bool) {
    const std::string_view name(s, n);
    if (depth_ == 1) {
      pending_ = slot_of_(name);
      if (pending_ >= 0) {
        // A kept member is not listed in names_: its slot tells has_member about it, and a
        // second one finds the slot already filled.
        if (scan_.present_ >> pending_ & 1) {
          duplicate_ = name;
          return false;
        }
        // In situ, a name is unescaped where it was sent: its opening quote is just before it.
        std::construct_at(&scan_.value(pending_))->member = original_.substr(static_cast<std::size_t>(s - text_) - 1);
        return true;
      }
    }
    scan_.names_.push_back(name);
    return true;
  }

  bool StartObject() { return open(JsonKind::object); }
  bool StartArray() { return open(JsonKind::array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  bool EndObject(rapidjson::SizeType) {
    const std::size_t first = object_starts_.back();
    object_starts_.pop_back();
    if ((duplicate_ = duplicate_name(scan_.names_.data() + first, scan_.names_.size() - first))) return false;
    if (depth_ == 1) scan_.root_names_ = scan_.names_.size();
    else scan_.names_.truncate(first);
    return close();
  }

 private:
  // Every value passes here first (a scalar, or a container as it opens).
  void value_begins(JsonKind kind, std::string_view string) {
    if (depth_ == 2 && array_slot_ >= 0) {
      ScannedValue& array = scan_.value(array_slot_);
      ++array.size;
      if (kind == JsonKind::string) scan_.strings_.push_back(string);
      else array.strings_only = false;
    }
  }

  // A top-level member's value: the slot that keeps it (now marked present), or -1.
  int kept_slot(JsonKind kind) noexcept {
    if (depth_ != 1) return -1;
    const int slot = std::exchange(pending_, -1);
    if (slot < 0) return -1;
    scan_.present_ |= static_cast<std::uint16_t>(1u << slot);
    scan_.value(slot).kind = kind;
    return slot;
  }

  bool scalar(JsonKind kind, std::string_view string, double number) {
    if (depth_ == 0) {
      root_kind_ = kind;
      return true;
    }
    value_begins(kind, string);
    if (const int slot = kept_slot(kind); slot >= 0) {
      ScannedValue& value = scan_.value(slot);
      value.string = string;
      value.number = number;
    }
    return true;
  }

  bool open(JsonKind kind) {
    if (depth_ == 0) {
      root_kind_ = kind;
    } else {
      value_begins(kind, {});
      if (const int slot = kept_slot(kind); slot >= 0 && kind == JsonKind::array) {
        array_slot_ = slot;
        scan_.kept_arrays_ |= static_cast<std::uint16_t>(1u << slot);
        scan_.first_string_[slot] = static_cast<std::uint32_t>(scan_.strings_.size());
      }
    }
    if (++depth_ > max_depth_) {
      too_deep_ = true;
      return false;
    }
    if (kind == JsonKind::object) object_starts_.push_back(static_cast<std::uint32_t>(scan_.names_.size()));
    return true;
  }

  bool close() {
    --depth_;
    if (depth_ == 1) array_slot_ = -1;
    return true;
  }

  ObjectScan& scan_;
  const char* text_;  // the buffer parsed in place
  std::string_view original_;
  std::size_t max_depth_;
  const SlotNames& slot_of_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
  std::optional<std::string_view> duplicate_;
  JsonKind root_kind_ = JsonKind::null;
  int pending_ = -1;         // the slot of the top-level member whose value comes next
  int array_slot_ = -1;      // the kept top-level array being read
  SmallVector<std::uint32_t, 16> object_starts_;  // where each open object's names begin in names_
};

namespace {

template <unsigned Flags>
rapidjson::ParseResult parse(rapidjson::InsituStringStream& stream, ObjectScanHandler& handler) {
  rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator> reader;
  return reader.Parse<Flags | rapidjson::kParseInsituFlag>(stream, handler);
}

}  // namespace

Result<void> ObjectScan::run(char* text, std::string_view original, std::size_t max_depth, std::string_view what,
                             SlotOf slot_of) {
  max_depth = effective_json_depth(max_depth);
  if (read_plain(text, original, max_depth, slot_of)) return {};
  return run_full(text, original, max_depth, what, slot_of);
}

Result<void> ObjectScan::run_full(char* text, std::string_view original, std::size_t max_depth, std::string_view what,
                                  SlotOf slot_of) {
  max_depth = effective_json_depth(max_depth);
  // Outside the plain subset, or refused by it: start over with RapidJSON's reader, which decides.
  reset();
  slot_of_ = &slot_of;
  rapidjson::InsituStringStream stream(text);
  ObjectScanHandler handler(*this, text, original, max_depth, slot_of);
  const rapidjson::ParseResult parsed = is_ascii(original)
                                            ? parse<kJsonStrictFlags>(stream, handler)
                                            : parse<kJsonStrictFlags | kJsonValidateUtf8>(stream, handler);
  if (handler.too_deep()) return json_too_deep_error(what, max_depth);
  if (handler.duplicate()) return json_duplicate_error(what, *handler.duplicate());
  if (parsed.IsError()) return json_syntax_error(what, parsed.Code(), parsed.Offset());
  // The reader treats a NUL byte as the end of input; anything after it would go unseen.
  if (stream.Tell() != original.size())
    return json_syntax_error(what, rapidjson::kParseErrorDocumentRootNotSingular, stream.Tell());
  if (handler.root_kind() != JsonKind::object) return json_not_object_error(what, kind_name(handler.root_kind()));
  finish();
  return {};
}

bool ObjectScan::run_plain(std::string_view text, std::size_t max_depth, SlotOf slot_of) {
  max_depth = effective_json_depth(max_depth);
  return read_plain(text.data(), text, max_depth, slot_of);
}

bool ObjectScan::read_plain(const char* text, std::string_view original, std::size_t max_depth, SlotOf slot_of) {
  slot_of_ = &slot_of;
  ObjectScanHandler handler(*this, text, original, max_depth, slot_of);
  if (!read_plain_json(text, original.size(), handler)) return false;
  finish();
  return true;
}

void ObjectScan::reset() noexcept {
  present_ = 0;
  kept_arrays_ = 0;
  names_.truncate(0);
  root_names_ = 0;
  strings_.truncate(0);
}

void ObjectScan::finish() noexcept {
  for (unsigned arrays = kept_arrays_ & present_; arrays != 0; arrays &= arrays - 1) {
    const int slot = std::countr_zero(arrays);
    ScannedValue& array = value(slot);
    if (array.strings_only)
      array.strings = std::span<const std::string_view>(strings_.data() + first_string_[slot], array.size);
  }
}

std::string_view ScannedValue::raw() const noexcept {
  std::size_t begin = skip_string(member, 0);  // the name
  while (begin < member.size() && (is_space(member[begin]) || member[begin] == ':')) ++begin;
  return member.substr(begin, skip_value(member, begin) - begin);
}

bool ObjectScan::has_member(std::string_view name) const noexcept {
  if (const int kept = (*slot_of_)(name); kept >= 0) return present_ >> kept & 1;
  for (std::size_t i = 0; i < root_names_; ++i)
    if (names_[i] == name) return true;
  return false;
}

}  // namespace jwtcheck::detail
