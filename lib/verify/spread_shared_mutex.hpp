// A shared mutex whose readers do not share a cache line: each reader counts itself in one of
// kReaderSlots counters, picked by its thread, each on its own line. std::shared_mutex keeps
// every reader in one word, so two threads hitting the verified-token cache at once bounced
// that line between their cores on every hit, and 2 threads ran at 0.7-1.6 x one thread.
//
// Readers are wait-free while no writer is in (one increment, one load, one decrement); a
// writer takes the writer mutex, raises a flag and waits for every slot to drain. Writers are
// rare here (a cache miss that inserts, an expired entry dropped) and hold the lock briefly;
// so do readers (one lookup and a copy), which is why the writer spins rather than sleeps.
// A reader that finds the flag up steps back and sleeps until it drops, so a stream of readers
// never starves a writer.
//
// For std::shared_lock and std::unique_lock (there is no try_lock). Not recursive, and a shared
// lock must be released by the thread that took it (the slot is the thread's).
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>

namespace jwtcheck::detail {

class SpreadSharedMutex {
 public:
  /// Counters per mutex: threads beyond this many share a slot (correct, only slower).
  static constexpr std::size_t kReaderSlots = 16;

  SpreadSharedMutex() = default;
  SpreadSharedMutex(const SpreadSharedMutex&) = delete;
  SpreadSharedMutex& operator=(const SpreadSharedMutex&) = delete;

  void lock_shared() noexcept;
  void unlock_shared() noexcept;
  void lock();
  void unlock() noexcept;

 private:
  // 128 bytes: some CPUs fetch cache lines in pairs, and some have 128-byte lines.
  struct alignas(128) ReaderSlot {
    std::atomic<std::size_t> readers{0};
  };

  ReaderSlot slots_[kReaderSlots];
  alignas(128) std::atomic<bool> writer_in_{false};
  std::mutex writers_;  // one writer at a time
};

}  // namespace jwtcheck::detail
