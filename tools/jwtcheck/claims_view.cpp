#include "claims_view.hpp"

#include "human_time.hpp"

#include <jwtcheck/scopes.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>

namespace jwtcheck::cli {

namespace {

std::string compact_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  if (!value.Accept(writer)) return "(not representable)";
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<std::int64_t> epoch_seconds(const rapidjson::Value& value) {
  if (!value.IsNumber()) return std::nullopt;
  const double seconds = value.GetDouble();
  // Only plausible dates get words; anything else is shown as the raw number.
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 253402300799.0) return std::nullopt;
  return static_cast<std::int64_t>(std::floor(seconds));
}

bool is_time_claim(std::string_view name) {
  return name == "exp" || name == "nbf" || name == "iat" || name == "auth_time";
}

void add_scope(std::vector<ReportScope>& scopes, std::string_view name, unsigned source) {
  if (name.empty()) return;
  auto found = std::find_if(scopes.begin(), scopes.end(), [&](const ReportScope& s) { return s.name == name; });
  if (found != scopes.end()) {
    found->sources |= source;
  } else {
    scopes.push_back(ReportScope{std::string(name), source});
  }
}

void add_space_separated(std::vector<ReportScope>& scopes, std::string_view text, unsigned source) {
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    add_scope(scopes, text.substr(0, space), source);
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
}

void add_string_array(std::vector<ReportScope>& scopes, const rapidjson::Value& array, unsigned source) {
  for (const auto& item : array.GetArray()) {
    if (item.IsString()) add_scope(scopes, {item.GetString(), item.GetStringLength()}, source);
  }
}

}  // namespace

std::vector<ClaimLine> claim_lines(std::string_view json_object, std::int64_t now) {
  rapidjson::Document doc;
  doc.Parse(json_object.data(), json_object.size());
  std::vector<ClaimLine> lines;
  if (doc.HasParseError() || !doc.IsObject()) return lines;
  for (const auto& member : doc.GetObject()) {
    ClaimLine line;
    line.name.assign(member.name.GetString(), member.name.GetStringLength());
    line.value = member.value.IsString() ? std::string(member.value.GetString(), member.value.GetStringLength())
                                         : compact_json(member.value);
    if (is_time_claim(line.name)) line.time = epoch_seconds(member.value);
    if (line.time) {
      const std::string relative = describe_time_claim(line.name, *line.time, now);
      line.note = relative.empty() ? utc_text(*line.time) : relative + ", " + utc_text(*line.time);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<ReportScope> unverified_scopes(std::string_view claims_json) {
  rapidjson::Document doc;
  doc.Parse(claims_json.data(), claims_json.size());
  std::vector<ReportScope> scopes;
  if (doc.HasParseError() || !doc.IsObject()) return scopes;
  if (auto it = doc.FindMember("scope"); it != doc.MemberEnd() && it->value.IsString()) {
    add_space_separated(scopes, {it->value.GetString(), it->value.GetStringLength()}, scope_from_scope);
  }
  if (auto it = doc.FindMember("scp"); it != doc.MemberEnd()) {
    if (it->value.IsString()) {
      add_space_separated(scopes, {it->value.GetString(), it->value.GetStringLength()}, scope_from_scp);
    } else if (it->value.IsArray()) {
      add_string_array(scopes, it->value, scope_from_scp);
    }
  }
  if (auto it = doc.FindMember("permissions"); it != doc.MemberEnd() && it->value.IsArray()) {
    add_string_array(scopes, it->value, scope_from_permissions);
  }
  return scopes;
}

}  // namespace jwtcheck::cli
