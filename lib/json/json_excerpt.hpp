// A JSON value written back as compact text, cut short, for "got ..." in error messages.
#pragma once

#include "json/message_quote.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <string>

namespace jwtcheck::detail {

/// Compact JSON of `value`, at most `max_bytes` (then "..." is appended).
template <class Value>
std::string json_excerpt(const Value& value, std::size_t max_bytes = 120) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  std::string text(buffer.GetString(), buffer.GetSize());
  if (text.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // keep UTF-8 whole
    text.resize(cut);
    text += "...";
  }
  return text;
}

}  // namespace jwtcheck::detail
