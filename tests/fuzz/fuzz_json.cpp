// libFuzzer target: the JSON readers on the same bytes. ObjectScan (token header and claims)
// and parse_json_object (a RapidJSON DOM: JWKS, discovery, token answers) must accept and refuse
// the same inputs, and every value the scan keeps must equal the DOM's, raw text included. And
// whatever the plain reader (the scan's fast path) accepts, RapidJSON's reader must accept with
// the same events.
#include "json/limited_json.hpp"
#include "json/object_scan.hpp"
#include "json/plain_json_reader.hpp"
#include "support/json_event_log.hpp"
#include "verify/claim_slots.hpp"

#include <rapidjson/document.h>
#include <rapidjson/reader.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr std::size_t kDepth = 16;
using jwtcheck::detail::kClaimNames;

bool same_kind(const jwtcheck::detail::ScannedValue& v, const rapidjson::Value& d) {
  using jwtcheck::detail::JsonKind;
  switch (v.kind) {
    case JsonKind::null: return d.IsNull();
    case JsonKind::boolean: return d.IsBool();
    case JsonKind::number: return d.IsNumber() && v.number == d.GetDouble();
    case JsonKind::string: return d.IsString() && v.string == std::string_view(d.GetString(), d.GetStringLength());
    case JsonKind::object: return d.IsObject();
    case JsonKind::array: break;
  }
  if (!d.IsArray() || d.Size() != v.size) return false;
  bool strings_only = true;
  for (const auto& e : d.GetArray()) strings_only = strings_only && e.IsString();
  if (strings_only != v.strings_only) return false;
  if (!strings_only) return true;
  if (v.strings.size() != v.size) return false;
  for (std::size_t i = 0; i < v.size; ++i)
    if (v.strings[i] != std::string_view(d[static_cast<rapidjson::SizeType>(i)].GetString(),
                                         d[static_cast<rapidjson::SizeType>(i)].GetStringLength()))
      return false;
  return true;
}

// The plain reader never accepts what RapidJSON would refuse or read differently.
void check_plain_reader(const std::string& original, const std::string& padded) {
  jwtcheck::test::JsonEventLog plain;
  if (!jwtcheck::detail::read_plain_json(padded.data(), original.size(), plain)) return;
  rapidjson::StringStream stream(original.c_str());  // stops at a NUL: the plain reader refuses those
  jwtcheck::test::JsonEventLog full;
  rapidjson::Reader reader;
  if (reader.Parse<rapidjson::kParseValidateEncodingFlag>(stream, full).IsError()) __builtin_trap();
  if (stream.Tell() != original.size() || plain.text() != full.text()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string original(reinterpret_cast<const char*>(data), size);
  // Parsed in place: the scan needs kScanPadding NULs after the text.
  std::string buffer = original + std::string(jwtcheck::detail::kScanPadding, '\0');
  check_plain_reader(original, buffer);
  jwtcheck::detail::ObjectScan scan;
  const auto scanned = scan.run(buffer.data(), original, kDepth, "fuzz", jwtcheck::detail::claim_slot);
  rapidjson::Document dom;
  const auto parsed = jwtcheck::detail::parse_json_object(original, dom, kDepth, "fuzz");
  if (scanned.ok() != parsed.ok()) __builtin_trap();
  if (!scanned.ok()) return 0;
  for (const std::string_view name : kClaimNames) {
    const auto* kept = scan.slot(jwtcheck::detail::claim_slot(name));
    const auto member = dom.FindMember(rapidjson::StringRef(name.data(), name.size()));
    if ((kept != nullptr) != (member != dom.MemberEnd())) __builtin_trap();
    if (!kept) continue;
    if (!same_kind(*kept, member->value)) __builtin_trap();
    // The raw text is exactly the value as sent: parsing it alone gives the same value back.
    rapidjson::Document raw;
    const std::string raw_text(kept->raw());
    raw.Parse(raw_text.c_str(), raw_text.size());
    if (raw.HasParseError() || raw != member->value) __builtin_trap();
  }
  return 0;
}
