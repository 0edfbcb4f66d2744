#include "testing/expect_view.hpp"

#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace jwtcheck::testing::detail {

namespace {

// Report lines stay readable even when a claim holds a huge value.
constexpr std::size_t max_rendered_bytes = 240;

bool parse_object(std::string_view json, rapidjson::Document& doc) {
  doc.Parse(json.data(), json.size());
  return !doc.HasParseError() && doc.IsObject();
}

std::string cut(std::string text) {
  if (text.size() <= max_rendered_bytes) return text;
  std::size_t end = max_rendered_bytes;
  // Do not split a UTF-8 sequence: back up over continuation bytes.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "...";
}

}  // namespace

void parse_token_view(std::string_view header_json, std::string_view claims_json, TokenView& view) {
  const bool header_ok = parse_object(header_json, view.header);
  const bool claims_ok = parse_object(claims_json, view.claims);
  view.decoded = header_ok && claims_ok;
}

ClaimLookup find_claim(const TokenView& view, const std::string& name) {
  ClaimLookup lookup;
  if (!view.claims.IsObject()) return lookup;
  if (name.empty() || name.front() != '/') {
    const auto member = view.claims.FindMember(rapidjson::StringRef(name.data(), name.size()));
    if (member != view.claims.MemberEnd()) lookup.value = &member->value;
    return lookup;
  }
  const rapidjson::Pointer pointer(name.data(), name.size());
  if (!pointer.IsValid()) {
    lookup.name_error = "claim name " + quoted(name) + " is not a valid JSON Pointer (RFC 6901)";
    return lookup;
  }
  lookup.value = pointer.Get(view.claims);
  return lookup;
}

const rapidjson::Value* find_header_member(const TokenView& view, std::string_view name) {
  if (!view.header.IsObject()) return nullptr;
  const auto member = view.header.FindMember(rapidjson::StringRef(name.data(), name.size()));
  return member == view.header.MemberEnd() ? nullptr : &member->value;
}

std::string json_for_report(const rapidjson::Value* value) {
  if (value == nullptr) return "(absent)";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value->Accept(writer);
  return cut(std::string(buffer.GetString(), buffer.GetSize()));
}

std::string quoted(std::string_view text) {
  const rapidjson::Value value(rapidjson::StringRef(text.data(), text.size()));
  return json_for_report(&value);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string list = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) list += ", ";
    list += quoted(items[i]);
  }
  return list + "]";
}

}  // namespace jwtcheck::testing::detail
