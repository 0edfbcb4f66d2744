// One pass of a SAX reader over a JSON object parsed in place, for a token's header and claims
// (the plain reader of json/plain_json_reader.hpp for the usual plain JSON, RapidJSON's for
// anything else): it refuses what parse_json_object refuses (depth, duplicate names at any level,
// invalid UTF-8, trailing bytes, a root that is not an object) and keeps only the values of the
// top-level members its caller names, as views. No document is built and, for real tokens,
// nothing touches the heap.
#pragma once

#include <jwtcheck/error.hpp>

#include "json/json_kind.hpp"
#include "json/slot_names.hpp"
#include "small_vector.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

/// The value of one kept top-level member.
struct ScannedValue {
  JsonKind kind = JsonKind::null;
  std::string_view string;                     ///< a string: unescaped (points into the parsed buffer)
  double number = 0;                           ///< a number (integers beyond 2^53 are rounded)
  std::size_t size = 0;                        ///< an array: how many elements
  bool strings_only = true;                    ///< an array: every element is a string
  std::span<const std::string_view> strings;   ///< an array of strings only: its elements, unescaped
  std::string_view member;  ///< the original text from this member's name to the end of the object

  /// The value as sent (a view into the original text), found on demand: for messages only.
  std::string_view raw() const noexcept;

  bool is_string() const noexcept { return kind == JsonKind::string; }
  bool is_number() const noexcept { return kind == JsonKind::number; }
  bool is_array() const noexcept { return kind == JsonKind::array; }
  bool is_string_array() const noexcept { return kind == JsonKind::array && strings_only; }
};

/// NUL bytes a buffer scanned in place must have after its text. RapidJSON's in-place stream
/// does not stop at the end: validating a truncated UTF-8 sequence reads up to 3 bytes on, and
/// its SSE2 string scan reads whole aligned 16-byte blocks.
inline constexpr std::size_t kScanPadding = 16;

/// The names of the top-level members a scan keeps (json/slot_names.hpp); it must outlive the scan.
using SlotOf = const SlotNames&;

class ObjectScan {
 public:
  ObjectScan() = default;
  ObjectScan(const ObjectScan&) = delete;
  ObjectScan& operator=(const ObjectScan&) = delete;

  /// Parses text[0..original.size()) in place (RapidJSON in situ: text[size .. size+kScanPadding)
  /// must be NUL, and strings are unescaped inside `text`, which must outlive this object). `original` holds the
  /// same bytes unmodified and must outlive this object too: raw views point into it. `what`
  /// names the input in messages ("header", "claims"). Tries the plain reader first, then
  /// RapidJSON's (run_plain, then run_full). Run once per object.
  /// Errors: invalid_json, json_too_deep, duplicate_member.
  Result<void> run(char* text, std::string_view original, std::size_t max_depth, std::string_view what,
                   SlotOf slot_of);

  /// Reads `text` (followed by kScanPadding NUL bytes; not modified) when it is the plain JSON
  /// real tokens are made of (json/plain_json_reader.hpp): true when done, and the kept strings
  /// then point into `text`. False when it is not plain JSON or breaks a rule: run_full must
  /// then read an in-place copy.
  bool run_plain(std::string_view text, std::size_t max_depth, SlotOf slot_of);

  /// run without the plain reader: RapidJSON's reader alone, from a clean state (for a caller
  /// that has already tried run_plain).
  Result<void> run_full(char* text, std::string_view original, std::size_t max_depth, std::string_view what,
                        SlotOf slot_of);

  /// The value kept in `slot`, or null when the member is absent.
  const ScannedValue* slot(int slot) const noexcept { return present_ >> slot & 1 ? &value(slot) : nullptr; }
  /// Whether the object has a top-level member called `name` (kept or not).
  bool has_member(std::string_view name) const noexcept;

 private:
  friend class ObjectScanHandler;

  bool read_plain(const char* text, std::string_view original, std::size_t max_depth, SlotOf slot_of);
  void reset() noexcept;   // back to the state before run, for the second reader
  void finish() noexcept;  // points kept string arrays at their elements

  // A slot's value is made when its member's name is read: the storage of absent members is
  // never touched (a scan costs no more for 12 slots than for 2).
  ScannedValue& value(int slot) noexcept { return reinterpret_cast<ScannedValue*>(value_storage_)[slot]; }
  const ScannedValue& value(int slot) const noexcept {
    return reinterpret_cast<const ScannedValue*>(value_storage_)[slot];
  }

  alignas(ScannedValue) unsigned char value_storage_[kMaxScanSlots * sizeof(ScannedValue)];
  std::uint16_t present_ = 0;        // bit per slot: its member was read
  std::uint16_t kept_arrays_ = 0;    // bit per slot: its value is an array
  std::uint32_t first_string_[kMaxScanSlots];  // a kept array's first element in strings_
  const SlotNames* slot_of_ = &no_slots;
  SmallVector<std::string_view, 48> names_;    // the top level's names (but kept ones), then those of open objects
  std::size_t root_names_ = 0;                 // how many of names_ are the top level's
  SmallVector<std::string_view, 48> strings_;  // the elements of kept arrays of strings
};

}  // namespace jwtcheck::detail
