#include "fetch/sensitive_buffer.hpp"

#include <openssl/crypto.h>

#include <algorithm>

namespace jwtcheck::detail {

namespace {
void wipe(std::string& s) noexcept {
  s.resize(s.capacity());
  OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}
}  // namespace

SensitiveBuffer::SensitiveBuffer(std::size_t initial_capacity) { bytes_.reserve(initial_capacity); }

SensitiveBuffer::~SensitiveBuffer() { wipe(bytes_); }

void SensitiveBuffer::append(std::string_view bytes) {
  if (bytes_.size() + bytes.size() > bytes_.capacity()) {
    // Grow by hand: std::string would free the old storage without wiping it.
    std::string bigger;
    bigger.reserve(std::max(bytes_.capacity() * 2, bytes_.size() + bytes.size()));
    bigger.append(bytes_);
    wipe(bytes_);
    bytes_.swap(bigger);
  }
  bytes_.append(bytes);
}

}  // namespace jwtcheck::detail
