// jwtcheck CLI — the --json output: one JSON document on one line of standard output.
#pragma once

#include <jwtcheck/error.hpp>
#include <jwtcheck/verifier.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <span>
#include <string_view>
#include <vector>

namespace jwtcheck::cli {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

/// Builds one JSON document and prints it with a trailing newline.
class JsonDocument {
 public:
  JsonDocument() : writer_(buffer_) {}
  JsonWriter& writer() noexcept { return writer_; }
  /// Writes the document to standard output.
  void print() const;

 private:
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

/// A string value; invalid UTF-8 bytes become U+FFFD so the output is always valid JSON.
void write_string(JsonWriter& out, std::string_view text);
/// "key": "value".
void write_member(JsonWriter& out, std::string_view key, std::string_view value);
/// JSON text from the library (a token's header or claims) copied verbatim, numbers untouched;
/// null when it is empty or not valid JSON.
void write_embedded_json(JsonWriter& out, std::string_view json_text);
/// `text` as the JSON value it spells ("\"https://t/\"" -> "https://t/", "[]" -> []), else as a string.
void write_json_or_text(JsonWriter& out, std::string_view text);
/// [{"code": "...", "message": "..."}, ...]
void write_errors(JsonWriter& out, std::span<const Error> errors);
/// [{"name": "...", "sources": ["scope", "scp", "permissions"]}, ...]
void write_scopes(JsonWriter& out, std::span<const ReportScope> scopes);
/// [{"name": "...", "passed": bool, "expected": VALUE, "actual": VALUE}, ...] (see write_json_or_text)
void write_checks(JsonWriter& out, std::span<const Check> checks);

/// The names of the ScopeSource bits set in `sources`, in a fixed order.
std::vector<std::string_view> scope_source_names(unsigned sources);

}  // namespace jwtcheck::cli
