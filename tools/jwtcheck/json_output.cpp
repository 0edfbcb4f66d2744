#include "json_output.hpp"

#include <rapidjson/document.h>
#include <rapidjson/encodings.h>
#include <rapidjson/memorystream.h>

#include <cstdio>
#include <string>

namespace jwtcheck::cli {

namespace {

// Replaces each byte that does not start a valid UTF-8 sequence with U+FFFD.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    rapidjson::MemoryStream in(text.data() + i, text.size() - i);
    rapidjson::StringBuffer copy;
    if (rapidjson::UTF8<>::Validate(in, copy)) {
      const std::size_t used = in.Tell();
      out.append(text.data() + i, used);
      i += used;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

}  // namespace

void JsonDocument::print() const {
  std::fwrite(buffer_.GetString(), 1, buffer_.GetSize(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void write_string(JsonWriter& out, std::string_view text) {
  const std::string safe = valid_utf8(text);
  out.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
}

void write_member(JsonWriter& out, std::string_view key, std::string_view value) {
  write_string(out, key);
  write_string(out, value);
}

void write_embedded_json(JsonWriter& out, std::string_view json_text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json_text.data(), json_text.size());
  if (json_text.empty() || doc.HasParseError()) {
    out.Null();
    return;
  }
  const rapidjson::Type type = doc.IsObject() ? rapidjson::kObjectType : doc.GetType();
  out.RawValue(json_text.data(), json_text.size(), type);
}

void write_json_or_text(JsonWriter& out, std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (text.empty() || doc.HasParseError()) {
    write_string(out, text);
    return;
  }
  doc.Accept(out);
}

void write_errors(JsonWriter& out, std::span<const Error> errors) {
  out.StartArray();
  for (const Error& error : errors) {
    out.StartObject();
    write_member(out, "code", code_name(error.code));
    write_member(out, "message", error.message);
    out.EndObject();
  }
  out.EndArray();
}

std::vector<std::string_view> scope_source_names(unsigned sources) {
  std::vector<std::string_view> names;
  if (sources & scope_from_scope) names.push_back("scope");
  if (sources & scope_from_scp) names.push_back("scp");
  if (sources & scope_from_permissions) names.push_back("permissions");
  return names;
}

void write_scopes(JsonWriter& out, std::span<const ReportScope> scopes) {
  out.StartArray();
  for (const ReportScope& scope : scopes) {
    out.StartObject();
    write_member(out, "name", scope.name);
    write_string(out, "sources");
    out.StartArray();
    for (std::string_view source : scope_source_names(scope.sources)) write_string(out, source);
    out.EndArray();
    out.EndObject();
  }
  out.EndArray();
}

void write_checks(JsonWriter& out, std::span<const Check> checks) {
  out.StartArray();
  for (const Check& check : checks) {
    out.StartObject();
    write_member(out, "name", check.name);
    write_string(out, "passed");
    out.Bool(check.passed);
    write_string(out, "expected");
    write_json_or_text(out, check.expected_json);
    write_string(out, "actual");
    write_json_or_text(out, check.actual_json);
    out.EndObject();
  }
  out.EndArray();
}

}  // namespace jwtcheck::cli
