// SpreadSharedMutex: readers run together, a writer runs alone and sees every reader's lock
// released, readers never see a writer's half-done update, and writers are not starved by a
// steady stream of readers. More threads than reader slots share slots and stay correct.
// Run under ThreadSanitizer by .ci/sanitizers (tsan), which checks the happens-before edges.
#include <boost/test/unit_test.hpp>

#include "verify/spread_shared_mutex.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

using jwtcheck::detail::SpreadSharedMutex;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPatience = std::chrono::seconds(20);

// Two values a writer changes together: a reader that sees them differ saw a torn update.
struct Pair {
  std::uint64_t a = 0, b = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(spread_shared_mutex)

BOOST_AUTO_TEST_CASE(readers_hold_it_together) {
  SpreadSharedMutex mutex;
  std::atomic<int> inside{0};
  std::atomic<bool> met{false};
  auto reader = [&] {
    std::shared_lock lock(mutex);
    ++inside;
    const auto deadline = Clock::now() + kPatience;
    while (inside.load() < 2 && Clock::now() < deadline) std::this_thread::yield();
    if (inside.load() == 2) met = true;
  };
  std::jthread first(reader), second(reader);
  first.join();
  second.join();
  BOOST_TEST(met.load(), "the second reader could not get in while the first held the lock shared");
}

BOOST_AUTO_TEST_CASE(a_writer_waits_for_readers_and_excludes_them) {
  SpreadSharedMutex mutex;
  std::atomic<bool> reader_in{false}, reader_leaving{false}, writer_in{false};
  std::jthread reader([&] {
    std::shared_lock lock(mutex);
    reader_in = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    reader_leaving = true;
  });
  while (!reader_in.load()) std::this_thread::yield();
  {
    std::unique_lock lock(mutex);
    writer_in = true;
    BOOST_TEST(reader_leaving.load(), "the writer got in while a reader held the lock");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::atomic<bool> late_reader_in{false};
    std::jthread late([&] {
      std::shared_lock shared(mutex);
      late_reader_in = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_TEST(!late_reader_in.load(), "a reader got in while the writer held the lock");
    lock.unlock();
    late.join();
    BOOST_TEST(late_reader_in.load());
  }
  BOOST_TEST(writer_in.load());
}

// More threads than slots, readers and writers mixed: writes are never lost or torn.
BOOST_AUTO_TEST_CASE(many_threads_never_see_a_torn_write) {
  SpreadSharedMutex mutex;
  Pair shared;
  std::atomic<int> torn{0};
  constexpr int kThreads = static_cast<int>(SpreadSharedMutex::kReaderSlots) + 4;
  constexpr int kWritesPerWriter = 2000;
  int writers = 0;
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    const bool writes = t % 4 == 0;
    writers += writes ? 1 : 0;
    threads.emplace_back([&, writes] {
      for (int i = 0; i < kWritesPerWriter; ++i) {
        if (writes) {
          std::unique_lock lock(mutex);
          ++shared.a;
          std::atomic_signal_fence(std::memory_order_seq_cst);  // keep the two stores apart
          ++shared.b;
        } else {
          std::shared_lock lock(mutex);
          if (shared.a != shared.b) ++torn;
        }
      }
    });
  }
  threads.clear();
  BOOST_TEST(torn.load() == 0);
  BOOST_TEST(shared.a == static_cast<std::uint64_t>(writers * kWritesPerWriter));
  BOOST_TEST(shared.b == shared.a);
}

// Readers that overlap so that some reader always holds the lock: a writer still gets in.
BOOST_AUTO_TEST_CASE(a_stream_of_readers_does_not_starve_a_writer) {
  SpreadSharedMutex mutex;
  std::atomic<bool> stop{false};
  std::vector<std::jthread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      while (!stop.load()) {
        std::shared_lock lock(mutex);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto deadline = Clock::now() + kPatience;
  int writes = 0;
  while (writes < 20 && Clock::now() < deadline) {
    std::unique_lock lock(mutex);
    ++writes;
  }
  stop = true;
  readers.clear();
  BOOST_TEST(writes == 20, "a writer got in only " << writes << " times in " << kPatience.count() << " s");
}

BOOST_AUTO_TEST_SUITE_END()
