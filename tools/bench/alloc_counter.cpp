// malloc interposition: the executable's definitions win over glibc's, and forward to glibc's
// internal entry points, so the allocator itself is unchanged; only a per-thread counter is added.
// Per-thread (initial-exec TLS, no locking) so that counting does not disturb the 2-thread cases.
// OpenSSL's allocations go past that counter to one of their own (CRYPTO_set_mem_functions), the
// technique of tests/verify/allocations_test.cpp: jwtcheck's target is on its own allocations.
#include "alloc_counter.hpp"

#include <openssl/crypto.h>

#include <cxxabi.h>
#include <execinfo.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* ptr, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* ptr);
}

namespace {

constexpr std::size_t max_traced = 64;
constexpr int max_frames = 12;

struct TracedAllocation {
  std::array<void*, max_frames> frames{};
  int depth = 0;
};

[[gnu::tls_model("initial-exec")]] thread_local std::uint64_t allocations = 0;
[[gnu::tls_model("initial-exec")]] thread_local std::uint64_t openssl_allocations = 0;
[[gnu::tls_model("initial-exec")]] thread_local bool tracing = false;
[[gnu::tls_model("initial-exec")]] thread_local bool in_trace = false;
[[gnu::tls_model("initial-exec")]] thread_local std::size_t traced_count = 0;
thread_local std::array<TracedAllocation, max_traced>* traced = nullptr;

void note_allocation() noexcept {
  ++allocations;
  if (!tracing || in_trace || traced == nullptr || traced_count >= max_traced) return;
  in_trace = true;  // backtrace() may allocate on its first call; never recurse into it
  TracedAllocation& t = (*traced)[traced_count++];
  t.depth = backtrace(t.frames.data(), max_frames);
  in_trace = false;
}

// backtrace_symbols gives "/path/binary(mangled+0x12) [0xaddr]". Keep the function name without
// its parameter list, or the binary's file name when the symbol is not exported.
std::string frame_name(const char* symbol) {
  const std::string text = symbol;
  const auto open = text.find('(');
  const auto plus = text.find('+', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || plus == std::string::npos || plus == open + 1) {
    const auto slash = text.rfind('/', open);
    return text.substr(slash == std::string::npos ? 0 : slash + 1, open == std::string::npos ? open : open - slash - 1);
  }
  const std::string mangled = text.substr(open + 1, plus - open - 1);
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status),
                                              std::free);
  std::string readable = status == 0 && name ? std::string(name.get()) : mangled;
  if (const auto params = readable.find('('); params != std::string::npos) readable.resize(params);
  if (readable.starts_with("bool ")) readable.erase(0, 5);  // template functions demangle with their return type
  return readable;
}

void* openssl_malloc(std::size_t size, const char*, int) {
  ++openssl_allocations;
  return __libc_malloc(size);
}

void* openssl_realloc(void* ptr, std::size_t size, const char*, int) {
  if (ptr == nullptr) ++openssl_allocations;
  return __libc_realloc(ptr, size);
}

void openssl_free(void* ptr, const char*, int) { __libc_free(ptr); }

// Must run before OpenSSL allocates anything: afterwards it refuses the change. 101 is the first
// priority open to programs; the shared libraries' own initialisers, which run earlier, do not
// allocate through OpenSSL.
[[gnu::constructor(101)]] void route_openssl_allocations() {
  if (CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) != 1) {
    static constexpr char message[] = "bench: CRYPTO_set_mem_functions refused: OpenSSL allocated before main\n";
    std::fputs(message, stderr);
    std::abort();
  }
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) noexcept {
  note_allocation();
  return __libc_malloc(size);
}

void* calloc(std::size_t count, std::size_t size) noexcept {
  note_allocation();
  return __libc_calloc(count, size);
}

void* realloc(void* ptr, std::size_t size) noexcept {
  if (ptr == nullptr) note_allocation();
  return __libc_realloc(ptr, size);
}

void free(void* ptr) noexcept { __libc_free(ptr); }

void* memalign(std::size_t alignment, std::size_t size) noexcept {
  note_allocation();
  return __libc_memalign(alignment, size);
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  note_allocation();
  return __libc_memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  if (alignment < sizeof(void*) || (alignment & (alignment - 1)) != 0) return EINVAL;
  note_allocation();
  void* p = __libc_memalign(alignment, size);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}

}  // extern "C"

namespace bench {

std::uint64_t thread_allocations() noexcept { return allocations; }

std::uint64_t thread_openssl_allocations() noexcept { return openssl_allocations; }

AllocationTrace::AllocationTrace() {
  if (traced == nullptr) traced = new std::array<TracedAllocation, max_traced>();
  void* warm[2];
  backtrace(warm, 2);  // loads the unwinder now, so its own allocations are not traced
  traced_count = 0;
  tracing = true;
}

AllocationTrace::~AllocationTrace() { tracing = false; }

std::vector<std::string> AllocationTrace::stop() {
  tracing = false;
  std::vector<std::string> lines;
  if (stopped_) return lines;
  stopped_ = true;
  for (std::size_t i = 0; i < traced_count; ++i) {
    TracedAllocation& t = (*traced)[i];
    std::unique_ptr<char*, void (*)(void*)> symbols(backtrace_symbols(t.frames.data(), t.depth), std::free);
    // Frame 0 is note_allocation, frame 1 malloc itself: start at the caller, and stop at the
    // first jwtcheck function (the one to blame); repeated unexported frames are shown once.
    std::string line, previous;
    for (int f = 2; f < t.depth && symbols; ++f) {
      const std::string name = frame_name(symbols.get()[f]);
      if (name == previous) continue;
      if (!line.empty()) line += " <- ";
      line += name;
      previous = name;
      if (name.starts_with("jwtcheck::")) break;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace bench
