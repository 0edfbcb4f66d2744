// Memory for VerifiedData blocks, kept per thread for reuse. A server verifies a token, reads
// it, drops it, and verifies the next: each drop hands its block to the thread's cache and the
// next verify takes it back, with no call to malloc or free (together about 2 % of an HS256
// verify, and the one heap allocation of jwtcheck's own on the verify path).
//
// Requests up to kLargestRecycledBlock bytes are rounded up to a size class (1, 2 or 4 KiB, so
// at most twice the bytes asked for); a block is reused only for its own class. Larger requests
// go to the heap as usual. A thread keeps at most kRecycledBlocksPerClass free blocks of each
// class and frees them when it ends; a block dropped on another thread joins that thread's
// cache. Under AddressSanitizer a cached block is poisoned, so a use after its token was
// dropped is still reported.
#pragma once

#include <cstddef>

namespace jwtcheck::detail {

/// The largest block recycled: an Auth0 token's block with a few dozen permissions fits.
inline constexpr std::size_t kLargestRecycledBlock = 4096;
/// How many free blocks of each size class one thread keeps.
inline constexpr unsigned kRecycledBlocksPerClass = 2;

/// At least `bytes` bytes, aligned like operator new: a cached block of its class when there
/// is one, else new memory.
void* take_block(std::size_t bytes);
/// Gives back memory from take_block(bytes), with the same `bytes`: to this thread's cache
/// when it is recycled and there is room, else to the heap.
void give_block(void* block, std::size_t bytes) noexcept;

/// How many free blocks this thread's cache holds (for tests).
unsigned recycled_blocks_held() noexcept;

/// An allocator over take_block/give_block, for std::allocate_shared.
template <class T>
struct RecyclingAllocator {
  using value_type = T;
  RecyclingAllocator() noexcept = default;
  template <class U>
  RecyclingAllocator(const RecyclingAllocator<U>&) noexcept {}  // rebinding converts implicitly
  T* allocate(std::size_t n) {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "blocks have operator new's alignment");
    return static_cast<T*>(take_block(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { give_block(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const RecyclingAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace jwtcheck::detail
