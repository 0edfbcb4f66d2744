// A vector of trivially copyable values that lives in the object up to N entries and moves to
// the heap beyond: the verify path scans and collects without allocating for real tokens. The
// inline storage is left uninitialised until used, so an empty SmallVector costs nothing to make.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace jwtcheck::detail {

template <class T, std::size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  SmallVector() noexcept {}  // storage_ stays uninitialised on purpose

  void push_back(const T& value) { emplace_back(value); }

  /// Makes the new entry in place (a view built from its parts is stored field by field,
  /// never spilled and reloaded whole, which stalls store forwarding).
  template <class... Args>
  void emplace_back(Args&&... args) {
    if (size_ < N) [[likely]] {
      std::construct_at(inline_data() + size_, std::forward<Args>(args)...);
      ++size_;
    } else {
      push_back_to_heap(T(std::forward<Args>(args)...));
    }
  }

  /// Drops every entry from `size` on (no-op when size >= this->size()).
  void truncate(std::size_t size) noexcept {
    if (size >= size_) return;
    if (size_ <= N) [[likely]] {
      size_ = size;
      return;
    }
    if (size <= N) {
      std::uninitialized_copy_n(heap_.begin(), size, inline_data());
      heap_.clear();
    } else {
      heap_.resize(size);
    }
    size_ = size;
  }
  void pop_back() noexcept { truncate(size_ - 1); }
  T& back() noexcept { return data()[size_ - 1]; }
  const T& operator[](std::size_t i) const noexcept { return data()[i]; }

  T* data() noexcept { return size_ > N ? heap_.data() : inline_data(); }
  const T* data() const noexcept { return size_ > N ? heap_.data() : inline_data(); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T* begin() noexcept { return data(); }
  T* end() noexcept { return data() + size_; }
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + size_; }
  std::span<const T> span() const noexcept { return {data(), size_}; }

 private:
  // Out of line, so the inline case stays small enough to inline where it is called.
  [[gnu::noinline]] void push_back_to_heap(const T& value) {
    if (size_ == N) heap_.assign(inline_data(), inline_data() + N);
    heap_.push_back(value);
    ++size_;
  }

  T* inline_data() noexcept { return reinterpret_cast<T*>(storage_); }
  const T* inline_data() const noexcept { return reinterpret_cast<const T*>(storage_); }

  alignas(T) unsigned char storage_[N * sizeof(T)];
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

}  // namespace jwtcheck::detail
