#include "verify/spread_shared_mutex.hpp"

#include <cassert>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace jwtcheck::detail {

namespace {

// This thread's slot: threads are numbered as they first take a shared lock, so the first
// kReaderSlots threads of a process never share one.
std::size_t this_thread_slot() noexcept {
  static std::atomic<std::size_t> next_thread{0};
  thread_local const std::size_t slot =
      next_thread.fetch_add(1, std::memory_order_relaxed) % SpreadSharedMutex::kReaderSlots;
  return slot;
}

void spin_pause() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

}  // namespace

// The reader's increment and the writer's flag form a Dekker pair: both are sequentially
// consistent, so of a reader and a writer arriving together at least one sees the other.
void SpreadSharedMutex::lock_shared() noexcept {
  std::atomic<std::size_t>& readers = slots_[this_thread_slot()].readers;
  for (;;) {
    readers.fetch_add(1, std::memory_order_seq_cst);
    if (!writer_in_.load(std::memory_order_seq_cst)) return;
    readers.fetch_sub(1, std::memory_order_release);
    writer_in_.wait(true, std::memory_order_acquire);  // until the writer leaves
  }
}

void SpreadSharedMutex::unlock_shared() noexcept {
  [[maybe_unused]] const std::size_t before =
      slots_[this_thread_slot()].readers.fetch_sub(1, std::memory_order_release);
  assert(before != 0 && "unlock_shared on a thread that holds no shared lock");
}

void SpreadSharedMutex::lock() {
  writers_.lock();
  writer_in_.store(true, std::memory_order_seq_cst);
  for (ReaderSlot& slot : slots_) {
    for (unsigned spins = 0; slot.readers.load(std::memory_order_seq_cst) != 0; ++spins) {
      if (spins < 64) spin_pause();
      else std::this_thread::yield();
    }
  }
}

void SpreadSharedMutex::unlock() noexcept {
  writer_in_.store(false, std::memory_order_release);
  writer_in_.notify_all();
  writers_.unlock();
}

}  // namespace jwtcheck::detail
