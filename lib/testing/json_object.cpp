#include "testing/json_object.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace jwtcheck::testing::detail {

bool merge_members(rapidjson::Value& target, std::string_view members_json,
                   rapidjson::Document::AllocatorType& allocator) {
  if (members_json.empty()) return true;
  rapidjson::Document extra(&allocator);
  extra.Parse(members_json.data(), members_json.size());
  if (extra.HasParseError() || !extra.IsObject()) return false;
  for (auto& member : extra.GetObject()) {
    auto existing = target.FindMember(member.name);
    if (existing != target.MemberEnd()) {
      existing->value = member.value;  // move: `extra` shares our allocator
    } else {
      target.AddMember(member.name, member.value, allocator);
    }
  }
  return true;
}

std::string to_json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

rapidjson::Value json_string(std::string_view text, rapidjson::Document::AllocatorType& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

}  // namespace jwtcheck::testing::detail
