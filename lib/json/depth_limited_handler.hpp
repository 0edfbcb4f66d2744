// A RapidJSON SAX handler that forwards to another one (usually a Document) while counting
// nesting: it stops the parse at max_depth + 1, so deep input can neither exhaust the stack of
// RapidJSON's recursive parser nor reach the caller.
#pragma once

#include <rapidjson/rapidjson.h>

#include <cstddef>
#include <cstdint>

namespace jwtcheck::detail {

template <class Target>
class DepthLimitedHandler {
 public:
  using Ch = typename Target::Ch;

  DepthLimitedHandler(Target& target, std::size_t max_depth) noexcept : target_(target), max_depth_(max_depth) {}

  /// True when the parse stopped because the input nests deeper than max_depth.
  bool too_deep() const noexcept { return too_deep_; }

  bool Null() { return target_.Null(); }
  bool Bool(bool b) { return target_.Bool(b); }
  bool Int(int i) { return target_.Int(i); }
  bool Uint(unsigned u) { return target_.Uint(u); }
  bool Int64(std::int64_t i) { return target_.Int64(i); }
  bool Uint64(std::uint64_t u) { return target_.Uint64(u); }
  bool Double(double d) { return target_.Double(d); }
  bool RawNumber(const Ch* s, rapidjson::SizeType n, bool copy) { return target_.RawNumber(s, n, copy); }
  bool String(const Ch* s, rapidjson::SizeType n, bool copy) { return target_.String(s, n, copy); }
  bool Key(const Ch* s, rapidjson::SizeType n, bool copy) { return target_.Key(s, n, copy); }
  bool StartObject() { return enter() && target_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) { --depth_; return target_.EndObject(members); }
  bool StartArray() { return enter() && target_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { --depth_; return target_.EndArray(elements); }

 private:
  bool enter() noexcept {
    if (++depth_ > max_depth_) too_deep_ = true;
    return !too_deep_;
  }

  Target& target_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace jwtcheck::detail
