// The verify path's own heap use, apart from OpenSSL's: every malloc/calloc/realloc of this thread
// is counted by interposing glibc's allocator, except OpenSSL's, which CRYPTO_set_mem_functions
// routes past the counter (to a count of its own). So this suite runs in its own executable.
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/crypto.h>

#include <cstddef>
#include <cstdlib>

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* ptr, std::size_t size);
void __libc_free(void* ptr);
}

namespace {
thread_local bool t_counting = false;
thread_local std::size_t t_allocations = 0;          // jwtcheck's (and the C++ library's on its behalf)
thread_local std::size_t t_openssl_allocations = 0;  // OpenSSL's own, through CRYPTO_malloc

void* openssl_malloc(std::size_t size, const char*, int) {
  if (t_counting) ++t_openssl_allocations;
  return __libc_malloc(size);
}
void* openssl_realloc(void* ptr, std::size_t size, const char*, int) {
  if (t_counting) ++t_openssl_allocations;
  return __libc_realloc(ptr, size);
}
void openssl_free(void* ptr, const char*, int) { __libc_free(ptr); }

// Before OpenSSL allocates anything (it refuses the change afterwards).
[[gnu::constructor(101)]] void route_openssl_allocations() {
  if (CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) != 1) std::abort();
}
}  // namespace

extern "C" {
void* malloc(std::size_t size) {
  if (t_counting) ++t_allocations;
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  if (t_counting) ++t_allocations;
  return __libc_calloc(count, size);
}
void* realloc(void* ptr, std::size_t size) {
  if (t_counting) ++t_allocations;
  return __libc_realloc(ptr, size);
}
}

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

struct Counts {
  std::size_t own = 0;      // jwtcheck's
  std::size_t openssl = 0;  // OpenSSL's, reported only: it is not this project's to bound
};

template <class F>
Counts allocations_of(F&& f) {
  t_allocations = 0;
  t_openssl_allocations = 0;
  t_counting = true;
  f();
  t_counting = false;
  return {t_allocations, t_openssl_allocations};
}

// A realistic Auth0 M2M token: the usual claims plus a handful of permissions.
ClaimsJson auth0_sized_claims() {
  return auth0_claims()
      .set("aud", R"(["https://api.example","https://tenant.example/userinfo"])")
      .set("permissions", R"(["read:reports","write:reports","read:users","delete:users","admin:all"])")
      .set_string("https://example.com/org", "org_123");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(allocations)

BOOST_AUTO_TEST_CASE(the_counters_tell_our_allocations_from_openssls) {
  const Counts counts = allocations_of([] {
    auto* p = static_cast<char*>(std::malloc(10));
    std::free(p);
    std::string s(1000, 'x');  // operator new goes through malloc too
    BOOST_TEST(s.size() == 1000u);
    void* q = OPENSSL_malloc(10);
    OPENSSL_free(q);
  });
  BOOST_TEST(counts.own == 2u);
  BOOST_TEST(counts.openssl == 1u);
}

// Once warm, a verify makes one allocation of its own (the VerifiedToken's block) and, for ES*,
// one more (the DER form of the signature). Whatever OpenSSL allocates is only reported.
BOOST_AUTO_TEST_CASE(verify_makes_at_most_two_allocations_of_its_own) {
  for (Alg alg : {Alg::RS256, Alg::PS256, Alg::ES256, Alg::EdDSA, Alg::HS256}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const TestKey& key = cached_test_key(alg);
      const KeySet keys = key_set_of({&key});
      const Verifier v = make_verifier(keys);
      const std::string token = auth0_token(key, alg, auth0_sized_claims());
      for (int warm = 0; warm < 3; ++warm) BOOST_REQUIRE(v.verify(token).ok());  // lazy OpenSSL setup
      const Counts whole = allocations_of([&] {
        auto r = v.verify(token);
        BOOST_TEST(r.ok());
      });
      BOOST_TEST_MESSAGE(alg_name(alg) << ": verify() " << whole.own << " allocations of its own, OpenSSL "
                                       << whole.openssl);
      BOOST_TEST(whole.own <= (alg == Alg::ES256 ? 2u : 1u));
      BOOST_TEST(whole.openssl > 0u);  // the counter sees OpenSSL's side too
      // A failing token allocates only for its error message (a few strings).
      const std::string expired = auth0_token(key, alg, auth0_sized_claims().set_number("exp", kNow - 100));
      const Counts failing = allocations_of([&] {
        auto r = v.verify(expired);
        BOOST_TEST(!r.ok());
      });
      BOOST_TEST(failing.own <= 32u);
    }
  }
}

// A hit hands out the cached block itself: nothing to allocate, on our side or OpenSSL's.
BOOST_AUTO_TEST_CASE(a_cache_hit_allocates_nothing) {
  const TestKey& key = cached_test_key(Alg::ES256);
  VerifierOptions options;
  options.cache_entries = 8;
  const auto made = Verifier::create(auth0_policy(), key_set_of({&key}), pinned_options(options));
  BOOST_REQUIRE(made.ok());
  const Verifier& v = *made;
  const std::string token = auth0_token(key, Alg::ES256, auth0_sized_claims());
  for (int warm = 0; warm < 3; ++warm) BOOST_REQUIRE(v.verify(token).ok());
  const Counts hit = allocations_of([&] {
    auto r = v.verify(token);
    BOOST_TEST((r.ok() && r->scopes().size() >= 5u));
  });
  BOOST_TEST(hit.own == 0u);
  BOOST_TEST(hit.openssl == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
