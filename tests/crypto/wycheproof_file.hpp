// Loads a Wycheproof vector file from $JWTCHECK_VECTORS_DIR/wycheproof. A missing variable or
// file throws: the test fails instead of silently running nothing.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>

namespace jwtcheck::test {

inline std::unique_ptr<rapidjson::Document> load_wycheproof(const std::string& name) {
  const char* dir = std::getenv("JWTCHECK_VECTORS_DIR");
  if (dir == nullptr) throw std::runtime_error("JWTCHECK_VECTORS_DIR is not set");
  const std::string path = std::string(dir) + "/wycheproof/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read vector file " + path);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto doc = std::make_unique<rapidjson::Document>();
  doc->Parse(text.data(), text.size());
  if (doc->HasParseError() || !doc->IsObject() || !doc->HasMember("testGroups"))
    throw std::runtime_error("vector file " + path + " is not a Wycheproof JSON file");
  return doc;
}

inline std::string str(const rapidjson::Value& v, const char* name) {
  const auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) throw std::runtime_error(std::string("vector lacks string ") + name);
  return {it->value.GetString(), it->value.GetStringLength()};
}

/// Serialises a JSON value (e.g. a group's JWK) back to text for jwtcheck's parsers.
inline std::string json_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace jwtcheck::test
