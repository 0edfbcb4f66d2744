// The verify path's own heap use: once a thread has verified a token, Verifier::verify of an
// Auth0-sized token allocates nothing beyond what the signature check itself does
// (VerifiedToken's one block comes back from the thread's recycled blocks).
// Counts every malloc/calloc/realloc of this thread by interposing glibc's allocator, so this
// suite runs in its own executable.
#include <jwtcheck/verifier.hpp>

#include "crypto/sha2.hpp"
#include "crypto/signature.hpp"
#include "base64url.hpp"
#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstddef>

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* ptr, std::size_t size);
}

namespace {
thread_local bool t_counting = false;
thread_local std::size_t t_allocations = 0;
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

template <class F>
std::size_t allocations_of(F&& f) {
  t_allocations = 0;
  t_counting = true;
  f();
  t_counting = false;
  return t_allocations;
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

BOOST_AUTO_TEST_CASE(counter_sees_allocations) {
  const std::size_t n = allocations_of([] {
    auto* p = static_cast<char*>(std::malloc(10));
    std::free(p);
    std::string s(1000, 'x');  // operator new goes through malloc too
    BOOST_TEST(s.size() == 1000u);
  });
  BOOST_TEST(n == 2u);
}

BOOST_AUTO_TEST_CASE(the_prehash_allocates_nothing) {
  // OpenSSL 3.0's one-shot SHA256() is EVP_Q_digest: a digest fetch and 3 allocations per call.
  const std::string input(600, 'x');
  for (Alg alg : {Alg::RS256, Alg::PS384, Alg::ES512}) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
    std::size_t length = 0;
    const std::size_t allocations = allocations_of([&] { length = detail::sha2_digest(alg, input, hash); });
    BOOST_TEST(allocations == 0u, alg_name(alg));
    BOOST_TEST(length == static_cast<std::size_t>(alg == Alg::RS256 ? 32 : alg == Alg::PS384 ? 48 : 64));
  }
}

BOOST_AUTO_TEST_CASE(verify_allocates_nothing_beyond_the_signature_check) {
  for (Alg alg : {Alg::RS256, Alg::PS256, Alg::ES256, Alg::EdDSA, Alg::HS256}) {
    BOOST_TEST_CONTEXT(alg_name(alg)) {
      const TestKey& key = cached_test_key(alg);
      const KeySet keys = key_set_of({&key});
      const Verifier v = make_verifier(keys);
      const std::string token = auth0_token(key, alg, auth0_sized_claims());
      const std::string_view signing_input = std::string_view(token).substr(0, token.rfind('.'));
      const auto signature = *detail::base64url_decode(std::string_view(token).substr(token.rfind('.') + 1));
      const auto sig_bytes = std::span(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
      for (int warm = 0; warm < 3; ++warm) BOOST_REQUIRE(v.verify(token).ok());  // lazy OpenSSL setup
      const std::size_t signature_only = allocations_of([&] {
        BOOST_TEST(detail::verify_signature(keys.keys()[0].data(), alg, signing_input, sig_bytes));
      });
      const std::size_t whole = allocations_of([&] {
        auto r = v.verify(token);
        BOOST_TEST(r.ok());
      });
      BOOST_TEST_MESSAGE(alg_name(alg) << ": verify() " << whole << " allocations, signature alone " << signature_only);
      BOOST_TEST(whole == signature_only);  // the VerifiedToken block is a recycled one
      // HMAC runs on the key's precomputed pad states, RS* and PS* on its prepared modulus and
      // the thread's BN_CTX (crypto/rsa_verifier): not one allocation.
      if (alg == Alg::HS256 || alg == Alg::RS256 || alg == Alg::PS256) BOOST_TEST(signature_only == 0u);
      // Holding the token while verifying the next takes a second block: the first, from the heap.
      const std::size_t held = allocations_of([&] {
        auto first = v.verify(token);
        auto second = v.verify(token);
        BOOST_TEST((first.ok() && second.ok() && first->claims_json() == second->claims_json()));
      });
      BOOST_TEST(held <= 2 * signature_only + 1);
      // A failing token allocates only for its error message (a few strings).
      const std::string expired = auth0_token(key, alg, auth0_sized_claims().set_number("exp", kNow - 100));
      const std::size_t failing = allocations_of([&] {
        auto r = v.verify(expired);
        BOOST_TEST(!r.ok());
      });
      BOOST_TEST(failing <= signature_only + 32);
    }
  }
}

// A hit copies the cached block into one of the thread's recycled blocks (its own copy, so that
// threads hitting the same token share no reference count): no allocation once warm.
BOOST_AUTO_TEST_CASE(a_cache_hit_allocates_nothing) {
  const TestKey& key = cached_test_key(Alg::ES256);
  Policy policy = auth0_policy();
  policy.cache_entries = 8;
  const Verifier v = make_verifier(key_set_of({&key}), policy);
  const std::string token = auth0_token(key, Alg::ES256, auth0_sized_claims());
  for (int warm = 0; warm < 3; ++warm) BOOST_REQUIRE(v.verify(token).ok());
  const std::size_t hit = allocations_of([&] {
    auto r = v.verify(token);
    BOOST_TEST((r.ok() && r->scopes().size() >= 5u));
  });
  BOOST_TEST(hit == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
