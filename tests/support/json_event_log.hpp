// A SAX handler that writes every event it gets as one line of text, so the events two JSON
// readers produce from the same bytes can be compared (numbers as their double value: readers
// may pick Int, Uint or Int64 for the same integer; container sizes are not recorded).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace jwtcheck::test {

class JsonEventLog {
 public:
  using Ch = char;

  /// Stops the reader (returns false) at the event numbered `stop_at` (from 0), if set.
  explicit JsonEventLog(long stop_at = -1) : stop_at_(stop_at) {}

  const std::string& text() const noexcept { return text_; }

  bool Null() { return add("null"); }
  bool Bool(bool b) { return add(b ? "true" : "false"); }
  bool Int(int i) { return number(static_cast<double>(i)); }
  bool Uint(unsigned u) { return number(static_cast<double>(u)); }
  bool Int64(std::int64_t i) { return number(static_cast<double>(i)); }
  bool Uint64(std::uint64_t u) { return number(static_cast<double>(u)); }
  bool Double(double d) { return number(d); }
  bool RawNumber(const Ch*, unsigned, bool) { return false; }
  bool String(const Ch* s, unsigned n, bool) { return add("string " + std::string(s, n)); }
  bool Key(const Ch* s, unsigned n, bool) { return add("key " + std::string(s, n)); }
  bool StartObject() { return add("{"); }
  bool EndObject(unsigned) { return add("}"); }
  bool StartArray() { return add("["); }
  bool EndArray(unsigned) { return add("]"); }

 private:
  bool number(double d) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "number %.17g", d);
    return add(digits);
  }
  bool add(std::string_view event) {
    text_ += event;
    text_ += '\n';
    return events_++ != stop_at_;
  }

  std::string text_;
  long events_ = 0;
  long stop_at_;
};

}  // namespace jwtcheck::test
