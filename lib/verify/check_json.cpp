#include "verify/check_json.hpp"

#include "verify/check_sinks.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <utility>

namespace jwtcheck::detail {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_number(JsonWriter& out, double value) {
  if (std::trunc(value) == value && std::fabs(value) < 9.0e15) {
    out.Int64(static_cast<std::int64_t>(value));
  } else {
    out.Double(value);
  }
}

std::string text_of(const rapidjson::StringBuffer& buffer) { return {buffer.GetString(), buffer.GetSize()}; }

}  // namespace

std::string json_value_or_string(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (!text.empty() && !doc.HasParseError()) return std::string(text);
  return json_string(text);
}

std::string json_string(std::string_view text) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return text_of(buffer);
}

std::string json_number(double value) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  write_number(out, value);
  return text_of(buffer);
}

std::string json_strings(std::span<const std::string_view> values) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartArray();
  for (std::string_view v : values) out.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  out.EndArray();
  return text_of(buffer);
}

std::string signing_key_json(std::string_view alg, std::string_view kid, std::string_view thumbprint) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  const auto member = [&](const char* key, std::string_view value) {
    out.Key(key);
    out.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  out.StartObject();
  member("alg", alg);
  if (!kid.empty()) member("kid", kid);
  if (!thumbprint.empty()) member("thumbprint", thumbprint);
  out.EndObject();
  return text_of(buffer);
}

std::string time_bound_json(double now, double leeway, std::string_view bound_name, double bound) {
  rapidjson::StringBuffer buffer;
  JsonWriter out(buffer);
  out.StartObject();
  out.Key("now");
  write_number(out, now);
  out.Key("leeway");
  write_number(out, leeway);
  out.Key(bound_name.data(), static_cast<rapidjson::SizeType>(bound_name.size()));
  write_number(out, bound);
  out.EndObject();
  return text_of(buffer);
}

Check make_check(std::string_view name, bool passed, CheckText text) {
  Check check{std::string(name), passed, std::move(text.expected), std::move(text.actual),
              std::move(text.expected_json), std::move(text.actual_json)};
  if (check.expected_json.empty()) check.expected_json = json_value_or_string(check.expected);
  if (check.actual_json.empty()) check.actual_json = json_value_or_string(check.actual);
  return check;
}

}  // namespace jwtcheck::detail
