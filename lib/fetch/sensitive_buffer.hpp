// A growable byte buffer for request bodies and headers that carry a client secret: it is
// wiped when destroyed, and every time it grows the old storage is wiped before release.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

class SensitiveBuffer {
 public:
  explicit SensitiveBuffer(std::size_t initial_capacity = 512);
  SensitiveBuffer(const SensitiveBuffer&) = delete;
  SensitiveBuffer& operator=(const SensitiveBuffer&) = delete;
  ~SensitiveBuffer();

  void append(std::string_view bytes);
  void push_back(char c) { append(std::string_view(&c, 1)); }
  std::string_view view() const noexcept { return bytes_; }
  bool empty() const noexcept { return bytes_.empty(); }

 private:
  std::string bytes_;
};

}  // namespace jwtcheck::detail
