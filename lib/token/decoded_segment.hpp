// A base64url segment decoded into a buffer inside the object when it fits (no heap on the hot
// path), followed by kScanPadding NUL bytes so RapidJSON can parse it in place (json/object_scan.hpp).
#pragma once

#include "base64url.hpp"
#include "json/object_scan.hpp"

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

template <std::size_t InlineBytes>
class DecodedSegment {
 public:
  DecodedSegment() = default;
  DecodedSegment(const DecodedSegment&) = delete;
  DecodedSegment& operator=(const DecodedSegment&) = delete;

  /// Decodes strict base64url; false (and empty) when `encoded` is not canonical base64url.
  bool decode(std::string_view encoded) {
    const auto size = base64url_decoded_size(encoded.size());
    if (!size) return false;
    char* out = reserve(*size);
    const auto written = base64url_decode(encoded, std::span(reinterpret_cast<unsigned char*>(out), *size));
    if (!written) {
      size_ = 0;
      return false;
    }
    return true;
  }

  /// Copies `bytes` (e.g. a decoded segment, to parse the copy in place and keep the original).
  void assign(std::string_view bytes) { std::memcpy(reserve(bytes.size()), bytes.data(), bytes.size()); }

  char* data() noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  std::string_view view() const noexcept { return {data_, size_}; }

 private:
  char* reserve(std::size_t size) {
    if (size + kScanPadding > InlineBytes) {
      heap_ = std::make_unique_for_overwrite<char[]>(size + kScanPadding);
      data_ = heap_.get();
    } else {
      data_ = inline_;
    }
    std::memset(data_ + size, 0, kScanPadding);
    size_ = size;
    return data_;
  }

  char inline_[InlineBytes];
  std::unique_ptr<char[]> heap_;
  char* data_ = inline_;
  std::size_t size_ = 0;
};

}  // namespace jwtcheck::detail
