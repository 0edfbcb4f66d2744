#include "verify/token_scratch.hpp"

#include <memory>
#include <new>

namespace jwtcheck::detail {

namespace {

// Raw storage for one TokenScratch; a lease constructs into it and destroys what it built.
struct alignas(TokenScratch) ScratchStorage {
  unsigned char bytes[sizeof(TokenScratch)];
};

thread_local std::unique_ptr<ScratchStorage> t_block;
thread_local bool t_block_in_use = false;

}  // namespace

TokenScratchLease::TokenScratchLease() {
  if (!t_block_in_use) {
    if (!t_block) t_block = std::make_unique_for_overwrite<ScratchStorage>();
    scratch_ = ::new (static_cast<void*>(t_block->bytes)) TokenScratch;
    t_block_in_use = true;
    thread_block_ = true;
  } else {
    scratch_ = new TokenScratch;
  }
}

TokenScratchLease::~TokenScratchLease() {
  if (thread_block_) {
    scratch_->~TokenScratch();
    t_block_in_use = false;
  } else {
    delete scratch_;
  }
}

}  // namespace jwtcheck::detail
