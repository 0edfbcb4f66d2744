// A vector of trivially copyable values that lives in the object up to N entries and moves to
// the heap beyond: the verify path scans and collects without allocating for real tokens.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <vector>

namespace jwtcheck::detail {

template <class T, std::size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  void push_back(const T& value) {
    if (size_ < N) {
      inline_[size_] = value;
    } else {
      if (size_ == N) heap_.assign(inline_.begin(), inline_.end());
      heap_.push_back(value);
    }
    ++size_;
  }

  /// Drops every entry from `size` on (no-op when size >= this->size()).
  void truncate(std::size_t size) noexcept {
    if (size >= size_) return;
    if (size_ > N && size <= N) std::copy_n(heap_.begin(), size, inline_.begin());
    if (size_ > N && size > N) heap_.resize(size);
    else heap_.clear();
    size_ = size;
  }
  void pop_back() noexcept { truncate(size_ - 1); }
  T& back() noexcept { return data()[size_ - 1]; }
  T& operator[](std::size_t i) noexcept { return data()[i]; }
  const T& operator[](std::size_t i) const noexcept { return data()[i]; }

  T* data() noexcept { return size_ > N ? heap_.data() : inline_.data(); }
  const T* data() const noexcept { return size_ > N ? heap_.data() : inline_.data(); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T* begin() noexcept { return data(); }
  T* end() noexcept { return data() + size_; }
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + size_; }
  std::span<const T> span() const noexcept { return {data(), size_}; }

 private:
  std::array<T, N> inline_;
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

}  // namespace jwtcheck::detail
