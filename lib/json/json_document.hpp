// The RapidJSON types jwtcheck parses untrusted JSON into, and stack storage for them so that
// decoding a token's header and claims does not touch the heap.
#pragma once

#include <rapidjson/allocators.h>
#include <rapidjson/document.h>

#include <cstddef>

namespace jwtcheck::detail {

/// A pool allocator: starts in a caller's buffer, spills to the heap only past it.
using JsonPool = rapidjson::MemoryPoolAllocator<rapidjson::CrtAllocator>;
/// A document whose values and parse stack both live in JsonPools.
using JsonDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, JsonPool, JsonPool>;
/// A value inside a JsonDocument.
using JsonValue = rapidjson::GenericValue<rapidjson::UTF8<>, JsonPool>;

/// A JsonDocument with its pools in this object (put it on the stack). ValueBytes holds the
/// values of a typical Auth0 token's claims; bigger inputs still parse, using the heap.
template <std::size_t ValueBytes = 4096, std::size_t StackBytes = 1024>
class StackJsonDocument {
 public:
  StackJsonDocument()
      : values_(value_buffer_, sizeof value_buffer_),
        stack_(stack_buffer_, sizeof stack_buffer_),
        doc_(&values_, kParseStackCapacity, &stack_) {}
  StackJsonDocument(const StackJsonDocument&) = delete;
  StackJsonDocument& operator=(const StackJsonDocument&) = delete;

  JsonDocument& document() noexcept { return doc_; }
  const JsonDocument& document() const noexcept { return doc_; }

 private:
  // The pool keeps a small chunk header at the start of each buffer.
  static constexpr std::size_t kParseStackCapacity = StackBytes / 2;
  alignas(std::max_align_t) char value_buffer_[ValueBytes];
  alignas(std::max_align_t) char stack_buffer_[StackBytes];
  JsonPool values_;
  JsonPool stack_;
  JsonDocument doc_;
};

}  // namespace jwtcheck::detail
