#include "verify/recycled_blocks.hpp"

#include <boost/test/unit_test.hpp>

#include <cstring>
#include <thread>
#include <vector>

using jwtcheck::detail::give_block;
using jwtcheck::detail::kLargestRecycledBlock;
using jwtcheck::detail::kRecycledBlocksPerClass;
using jwtcheck::detail::recycled_blocks_held;
using jwtcheck::detail::take_block;

namespace {

// Takes every block this thread's cache holds, so a test starts from an empty cache.
void drain() {
  for (std::size_t bytes = 1024; bytes <= kLargestRecycledBlock; bytes *= 2)
    for (unsigned i = 0; i < kRecycledBlocksPerClass; ++i) ::operator delete(take_block(bytes));
  BOOST_REQUIRE(recycled_blocks_held() == 0u);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(recycled_blocks)

BOOST_AUTO_TEST_CASE(a_dropped_block_serves_the_next_request_of_its_class) {
  drain();
  void* block = take_block(700);
  std::memset(block, 0xab, 1024);  // the whole class is usable, not just the bytes asked for
  give_block(block, 700);
  BOOST_TEST(recycled_blocks_held() == 1u);
  void* again = take_block(1000);  // same 1 KiB class
  BOOST_TEST(again == block);
  BOOST_TEST(recycled_blocks_held() == 0u);
  void* other = take_block(1500);  // 2 KiB class: never the 1 KiB block
  BOOST_TEST(other != block);
  give_block(other, 1500);
  give_block(again, 1000);
  BOOST_TEST(take_block(1) == again);
  BOOST_TEST(take_block(2048) == other);
  give_block(again, 1);
  give_block(other, 2048);
}

BOOST_AUTO_TEST_CASE(each_class_keeps_at_most_its_share) {
  drain();
  std::vector<void*> blocks;
  for (unsigned i = 0; i < kRecycledBlocksPerClass + 2; ++i) blocks.push_back(take_block(3000));
  for (void* block : blocks) give_block(block, 3000);
  BOOST_TEST(recycled_blocks_held() == kRecycledBlocksPerClass);
  // Last in, first out: the blocks kept are the first ones given back.
  for (unsigned i = kRecycledBlocksPerClass; i-- > 0;) BOOST_TEST(take_block(4000) == blocks[i]);
  for (unsigned i = 0; i < kRecycledBlocksPerClass; ++i) give_block(blocks[i], 4000);
}

BOOST_AUTO_TEST_CASE(larger_requests_are_never_kept) {
  drain();
  void* block = take_block(kLargestRecycledBlock + 1);
  std::memset(block, 0, kLargestRecycledBlock + 1);
  give_block(block, kLargestRecycledBlock + 1);
  BOOST_TEST(recycled_blocks_held() == 0u);
}

BOOST_AUTO_TEST_CASE(a_block_dropped_on_another_thread_joins_that_threads_cache) {
  drain();
  void* block = take_block(900);
  unsigned held_there = 0;
  std::thread([&] {
    give_block(block, 900);
    held_there = recycled_blocks_held();
  }).join();  // the thread frees it as it ends (LeakSanitizer checks this in the ASan build)
  BOOST_TEST(held_there == 1u);
  BOOST_TEST(recycled_blocks_held() == 0u);
}

BOOST_AUTO_TEST_CASE(a_block_dropped_while_the_thread_ends_goes_to_the_heap) {
  // The holder is built before the cache, so it is destroyed after it: its drop finds the
  // cache gone and frees the block instead of touching it.
  struct Holder {
    void* block = nullptr;
    ~Holder() {
      if (block) give_block(block, 800);
    }
  };
  unsigned held_before_exit = 0;
  std::thread([&] {
    thread_local Holder holder;
    holder.block = take_block(800);
    held_before_exit = recycled_blocks_held();
  }).join();
  BOOST_TEST(held_before_exit == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
