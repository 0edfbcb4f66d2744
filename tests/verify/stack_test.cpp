// How much stack one verify needs: each call runs on a thread whose stack this test allocates and
// paints with a pattern; the bytes no longer painted after the join are the ones the call used.
// jwtcheck's share is that figure minus the same measure of the bare OpenSSL verify it makes
// (EVP_DigestVerify on a copied context, or EVP_MAC for HS*, with the same key and input): the
// bound is that a verify needs at most 8 KiB of stack on top of what OpenSSL itself needs.
// Built only without sanitizers (they move locals off the stack or enlarge every frame).
#include <jwtcheck/verifier.hpp>

#include "verify_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <pthread.h>
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace jwtcheck;
using namespace jwtcheck::test;

namespace {

constexpr std::size_t kStackBytes = 512 * 1024;
constexpr unsigned char kPaint = 0xA5;
constexpr std::size_t kBoundBytes = 8 * 1024;

// Runs `f` on a fresh thread whose painted stack this function owns; returns the bytes it used.
std::size_t stack_used_by(const std::function<void()>& f) {
  void* stack = mmap(nullptr, kStackBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (stack == MAP_FAILED) throw std::runtime_error("mmap failed");
  std::memset(stack, kPaint, kStackBytes);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, stack, kStackBytes);
  pthread_t thread;
  const auto body = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  const int started = pthread_create(&thread, &attr, body, const_cast<std::function<void()>*>(&f));
  pthread_attr_destroy(&attr);
  if (started != 0) {
    munmap(stack, kStackBytes);
    throw std::runtime_error("pthread_create failed");
  }
  pthread_join(thread, nullptr);
  // The stack grows down: the lowest byte that is no longer painted marks the deepest frame.
  const auto* bytes = static_cast<const unsigned char*>(stack);
  std::size_t untouched = 0;
  while (untouched < kStackBytes && bytes[untouched] == kPaint) ++untouched;
  munmap(stack, kStackBytes);
  return kStackBytes - untouched;
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct MacFree {
  void operator()(EVP_MAC* p) const { EVP_MAC_free(p); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* p) const { EVP_MAC_CTX_free(p); }
};

std::unique_ptr<EVP_PKEY, PkeyFree> public_key_of(const TestKey& key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(key.public_pem.data(), static_cast<int>(key.public_pem.size())),
                                               &BIO_free);
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) throw std::runtime_error("public PEM did not parse");
  return pkey;
}

const char* digest_of(Alg alg) { return alg == Alg::EdDSA ? nullptr : "SHA256"; }

// The bare OpenSSL verify of `input` with `key`, as jwtcheck's KeyVerifier makes it: a context
// prepared once, copied per verify. Returns a function to run on the measured thread.
class BareOpensslVerify {
 public:
  BareOpensslVerify(const TestKey& key, Alg alg, std::string input) : alg_(alg), input_(std::move(input)) {
    if (alg == Alg::HS256) {
      mac_.reset(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
      mac_ctx_.reset(EVP_MAC_CTX_new(mac_.get()));
      std::array<OSSL_PARAM, 2> params{
          OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
          OSSL_PARAM_construct_end()};
      if (!mac_ctx_ || EVP_MAC_init(mac_ctx_.get(), reinterpret_cast<const unsigned char*>(key.secret.data()),
                                    key.secret.size(), params.data()) != 1)
        throw std::runtime_error("EVP_MAC_init failed");
      return;
    }
    // A DER (ES*) or raw signature made by OpenSSL over the same input.
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> sign(EVP_MD_CTX_new());
    std::size_t size = 0;
    if (EVP_DigestSignInit_ex(sign.get(), nullptr, digest_of(alg), nullptr, nullptr, key.pkey.get(), nullptr) != 1 ||
        EVP_DigestSign(sign.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(input_.data()), input_.size()) != 1)
      throw std::runtime_error("EVP_DigestSign failed");
    signature_.resize(size);
    if (EVP_DigestSign(sign.get(), signature_.data(), &size, reinterpret_cast<const unsigned char*>(input_.data()),
                       input_.size()) != 1)
      throw std::runtime_error("EVP_DigestSign failed");
    signature_.resize(size);
    pkey_ = public_key_of(key);
    prepared_.reset(EVP_MD_CTX_new());
    if (EVP_DigestVerifyInit_ex(prepared_.get(), nullptr, digest_of(alg), nullptr, nullptr, pkey_.get(), nullptr) != 1)
      throw std::runtime_error("EVP_DigestVerifyInit_ex failed");
  }

  bool operator()() const {
    const auto* in = reinterpret_cast<const unsigned char*>(input_.data());
    if (alg_ == Alg::HS256) {
      std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_dup(mac_ctx_.get()));
      std::array<unsigned char, EVP_MAX_MD_SIZE> out;
      std::size_t out_size = 0;
      return ctx && EVP_MAC_update(ctx.get(), in, input_.size()) == 1 &&
             EVP_MAC_final(ctx.get(), out.data(), &out_size, out.size()) == 1;
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), prepared_.get()) != 1) return false;
    EVP_MD_CTX_set_flags(ctx.get(), EVP_MD_CTX_FLAG_FINALISE);
    return EVP_DigestVerify(ctx.get(), signature_.data(), signature_.size(), in, input_.size()) == 1;
  }

 private:
  Alg alg_;
  std::string input_;
  std::vector<unsigned char> signature_;
  std::unique_ptr<EVP_PKEY, PkeyFree> pkey_;
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> prepared_;
  std::unique_ptr<EVP_MAC, MacFree> mac_;
  std::unique_ptr<EVP_MAC_CTX, MacCtxFree> mac_ctx_;
};

std::string signing_input_of(const std::string& token) { return token.substr(0, token.rfind('.')); }

// Many audiences and scopes: past every inline capacity of the verify path.
ClaimsJson crowded_claims() {
  std::string audiences = "[\"" + std::string(kAudience) + "\"";
  for (int i = 0; i < 40; ++i) audiences += ",\"https://api-" + std::to_string(i) + ".example\"";
  audiences += "]";
  std::string scopes;
  for (int i = 0; i < 200; ++i) scopes += (i ? " " : "") + std::string("read:resource-") + std::to_string(i);
  return auth0_claims().set("aud", audiences).set_string("scope", scopes);
}

struct Figures {
  std::size_t verify = 0;
  std::size_t openssl = 0;
  std::size_t own() const { return verify > openssl ? verify - openssl : 0; }
};

Figures measure(Alg alg, const ClaimsJson& claims) {
  const TestKey& key = cached_test_key(alg);
  const Verifier v = make_verifier(key_set_of({&key}));
  const std::string token = auth0_token(key, alg, claims);
  const BareOpensslVerify bare(key, alg, signing_input_of(token));
  // Warm: OpenSSL's lazy setup and the verifier's prepared keys happen outside the measure.
  for (int warm = 0; warm < 2; ++warm) {
    if (!v.verify(token).ok()) throw std::runtime_error("the token does not verify");
    if (!bare()) throw std::runtime_error("the bare OpenSSL verify fails");
  }
  Figures figures;
  bool verified = false;
  bool bare_ok = false;
  figures.verify = stack_used_by([&] { verified = v.verify(token).ok(); });
  figures.openssl = stack_used_by([&] { bare_ok = bare(); });
  BOOST_TEST(verified);
  BOOST_TEST(bare_ok);
  return figures;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(verify_stack)

BOOST_AUTO_TEST_CASE(the_painted_stack_shows_what_a_call_uses) {
  const std::size_t idle = stack_used_by([] {});
  const std::size_t with_array = stack_used_by([] {
    std::array<volatile unsigned char, 32 * 1024> big;
    for (auto& b : big) b = 0;
  });
  BOOST_TEST_MESSAGE("thread start alone: " << idle << " bytes");
  BOOST_TEST(with_array >= 32u * 1024u);
  BOOST_TEST(with_array < idle + 40 * 1024);
}

BOOST_AUTO_TEST_CASE(a_verify_needs_at_most_8_KiB_of_stack_beyond_openssls) {
  for (Alg alg : {Alg::RS256, Alg::ES256, Alg::EdDSA, Alg::HS256}) {
    for (const bool crowded : {false, true}) {
      BOOST_TEST_CONTEXT(alg_name(alg) << (crowded ? " (40 audiences, 200 scopes)" : "")) {
        const Figures f = measure(alg, crowded ? crowded_claims() : auth0_claims());
        BOOST_TEST_MESSAGE(alg_name(alg) << (crowded ? " crowded" : "") << ": verify " << f.verify
                                         << " bytes of stack, bare OpenSSL verify " << f.openssl
                                         << ", jwtcheck's own " << f.own());
        BOOST_TEST(f.verify > 0u);
        BOOST_TEST(f.openssl > 0u);
        BOOST_TEST(f.own() <= kBoundBytes);
      }
    }
  }
}

// The decoded token lives in a per-thread block: a verify nested in another on the same thread
// (a KeySource that verifies) must get a block of its own, and both tokens must come out whole.
BOOST_AUTO_TEST_CASE(a_verify_nested_in_a_key_source_keeps_both_tokens_whole) {
  const TestKey& outer_key = cached_test_key(Alg::ES256);
  const TestKey& inner_key = cached_test_key(Alg::EdDSA);
  const Verifier inner = make_verifier(key_set_of({&inner_key}));
  const std::string inner_token =
      auth0_token(inner_key, Alg::EdDSA, auth0_claims().set_string("scope", "inner:scope"));

  class VerifyingSource final : public KeySource {
   public:
    VerifyingSource(KeySet keys, const Verifier& inner, const std::string& token)
        : keys_(std::make_shared<const KeySet>(std::move(keys))), inner_(inner), token_(token) {}
    Result<std::shared_ptr<const KeySet>> current() override {
      auto verified = inner_.verify(token_);
      inner_ok = verified.ok() && verified->scopes().size() == 1u && verified->scopes()[0].name == "inner:scope";
      return keys_;
    }
    KeyRefresh refresh_for_unknown_kid(std::string_view, std::chrono::milliseconds) override { return {keys_, false}; }
    bool inner_ok = false;

   private:
    std::shared_ptr<const KeySet> keys_;
    const Verifier& inner_;
    const std::string& token_;
  };
  auto source = std::make_shared<VerifyingSource>(key_set_of({&outer_key}), inner, inner_token);
  const auto outer = Verifier::create(auth0_policy(), source, pinned_options());
  BOOST_REQUIRE(outer.ok());
  const std::string outer_token =
      auth0_token(outer_key, Alg::ES256, auth0_claims().set_string("scope", "outer:one outer:two"));
  const auto verified = outer->verify(outer_token);
  BOOST_REQUIRE(verified.ok());
  BOOST_TEST(source->inner_ok);
  BOOST_TEST(verified->scopes().size() == 2u);
  BOOST_TEST(verified->scopes()[0].name == "outer:one");
  BOOST_TEST(verified->scopes()[1].name == "outer:two");
  BOOST_TEST(verified->alg() == "ES256");
}

BOOST_AUTO_TEST_SUITE_END()
