// The large buffers one token check decodes into (header and claims text, their scans, the
// signature bytes, the scopes and audiences): ~17 KB, kept off the caller's stack so that a
// verify fits in 8 KiB of stack (fibers, coroutines, small thread stacks) without a heap
// allocation per verify. Each thread that verifies owns one block, allocated on its first
// verify and freed when the thread ends; a lease constructs a fresh TokenScratch in it and
// destroys it when the check ends. A nested check on the same thread (a KeySource that
// verifies, say) gets a heap block of its own instead.
#pragma once

#include "token/scanned_segment.hpp"
#include "verify/scope_list.hpp"
#include "verify/signature_bytes.hpp"
#include "small_vector.hpp"

#include <string_view>

namespace jwtcheck::detail {

struct TokenScratch {
  HeaderSegment header;
  ClaimsSegment claims;
  SignatureBuffer signature;
  ScopeList scopes;
  SmallVector<std::string_view, 8> audiences;
};

/// One check's TokenScratch, fresh (default-constructed). Throws std::bad_alloc when this
/// thread's block (first use) or a nested check's block cannot be allocated.
class TokenScratchLease {
 public:
  TokenScratchLease();
  ~TokenScratchLease();
  TokenScratchLease(const TokenScratchLease&) = delete;
  TokenScratchLease& operator=(const TokenScratchLease&) = delete;

  TokenScratch& operator*() const noexcept { return *scratch_; }
  TokenScratch* operator->() const noexcept { return scratch_; }

 private:
  TokenScratch* scratch_ = nullptr;
  bool thread_block_ = false;  // this thread's block (else a block of its own)
};

}  // namespace jwtcheck::detail
