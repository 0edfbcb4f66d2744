#include "verify/recycled_blocks.hpp"

#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define JWTCHECK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JWTCHECK_ASAN 1
#endif
#endif
#if defined(JWTCHECK_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace jwtcheck::detail {

namespace {

constexpr std::size_t kSmallestClass = 1024;
constexpr unsigned kClasses = 3;  // 1, 2 and 4 KiB
static_assert(kSmallestClass << (kClasses - 1) == kLargestRecycledBlock);

// The class of a request of at most kLargestRecycledBlock bytes.
unsigned class_of(std::size_t bytes) noexcept {
  unsigned c = 0;
  while (bytes > kSmallestClass << c) ++c;
  return c;
}

constexpr std::size_t class_bytes(unsigned c) noexcept { return kSmallestClass << c; }

class ThreadBlocks {
 public:
  ThreadBlocks() = default;
  ThreadBlocks(const ThreadBlocks&) = delete;
  ThreadBlocks& operator=(const ThreadBlocks&) = delete;
  ~ThreadBlocks();

  void* take(unsigned c) noexcept {
    if (count_[c] == 0) return nullptr;
    void* block = blocks_[c][--count_[c]];
#if defined(JWTCHECK_ASAN)
    ASAN_UNPOISON_MEMORY_REGION(block, class_bytes(c));
#endif
    return block;
  }

  unsigned held() const noexcept {
    unsigned n = 0;
    for (const unsigned count : count_) n += count;
    return n;
  }

  bool keep(void* block, unsigned c) noexcept {
    if (count_[c] == kRecycledBlocksPerClass) return false;
#if defined(JWTCHECK_ASAN)
    ASAN_POISON_MEMORY_REGION(block, class_bytes(c));  // off limits until taken again
#endif
    blocks_[c][count_[c]++] = block;
    return true;
  }

 private:
  void* blocks_[kClasses][kRecycledBlocksPerClass] = {};
  unsigned count_[kClasses] = {};
};

// Trivially destructible, so still readable while the thread's other thread_locals are being
// destroyed: a block dropped then (by a thread_local holding a token) goes to the heap.
thread_local constinit bool t_blocks_gone = false;
thread_local ThreadBlocks t_blocks;

ThreadBlocks::~ThreadBlocks() {
  t_blocks_gone = true;
  for (unsigned c = 0; c < kClasses; ++c)
    while (void* block = take(c)) ::operator delete(block);
}

}  // namespace

void* take_block(std::size_t bytes) {
  if (bytes > kLargestRecycledBlock) return ::operator new(bytes);
  const unsigned c = class_of(bytes);
  if (!t_blocks_gone)
    if (void* block = t_blocks.take(c)) return block;
  return ::operator new(class_bytes(c));
}

void give_block(void* block, std::size_t bytes) noexcept {
  if (bytes > kLargestRecycledBlock) return ::operator delete(block);
  const unsigned c = class_of(bytes);
  if (!t_blocks_gone && t_blocks.keep(block, c)) return;
  ::operator delete(block);
}

unsigned recycled_blocks_held() noexcept { return t_blocks_gone ? 0 : t_blocks.held(); }

}  // namespace jwtcheck::detail
