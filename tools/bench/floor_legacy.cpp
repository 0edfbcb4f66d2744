// Floors on OpenSSL's low-level (deprecated in 3.0) APIs: RSA_verify, ECDSA_verify / ECDSA_do_verify and SHA256 with
// precomputed HMAC pad states. They skip the provider dispatch of EVP, so they are often the fastest
// way to do the same math; jwtcheck is compared against the fastest floor, whichever it is.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "ecdsa_raw_to_der.hpp"
#include "floor_cases.hpp"
#include "openssl_floor_keys.hpp"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <array>

namespace bench {
namespace {

using jwtcheck::Alg;

bool cleared(bool ok) {
  if (!ok) ERR_clear_error();
  return ok;
}

BenchCase rsa_pkcs1_case(std::shared_ptr<RSA> rsa) {
  return {"floor: low-level RSA_verify", CaseKind::floor, [rsa] {
            return VerifyFn([rsa](const Sample& s) {
              const auto hash = floor_sha256(s.signing_input);
              return cleared(RSA_verify(NID_sha256, hash.data(), hash.size(), s.signature.data(),
                                        static_cast<unsigned>(s.signature.size()), rsa.get()) == 1);
            });
          }, {}, 1};
}

BenchCase rsa_pss_case(std::shared_ptr<RSA> rsa) {
  return {"floor: low-level RSA public op + PSS check", CaseKind::floor, [rsa] {
            return VerifyFn([rsa](const Sample& s) {
              const auto hash = floor_sha256(s.signing_input);
              std::array<unsigned char, 2048> encoded;  // up to 16384-bit moduli, no allocation
              const auto modulus_bytes = static_cast<std::size_t>(RSA_size(rsa.get()));
              if (s.signature.size() != modulus_bytes || modulus_bytes > encoded.size()) return false;
              if (RSA_public_decrypt(static_cast<int>(s.signature.size()), s.signature.data(), encoded.data(), rsa.get(),
                                     RSA_NO_PADDING) != static_cast<int>(modulus_bytes))
                return cleared(false);
              return cleared(RSA_verify_PKCS1_PSS_mgf1(rsa.get(), hash.data(), EVP_sha256(), EVP_sha256(), encoded.data(),
                                                       SHA256_DIGEST_LENGTH) == 1);
            });
          }, {}, 1};
}

BenchCase ecdsa_case(std::shared_ptr<EC_KEY> ec) {
  return {"floor: low-level ECDSA_verify", CaseKind::floor, [ec] {
            return VerifyFn([ec](const Sample& s) {
              const auto hash = floor_sha256(s.signing_input);
              std::array<unsigned char, max_ecdsa_der_bytes> der;
              const auto der_len = ecdsa_raw_to_der(s.signature, der);
              return cleared(der_len != 0 && ECDSA_verify(0, hash.data(), hash.size(), der.data(),
                                                          static_cast<int>(der_len), ec.get()) == 1);
            });
          }, {}, 1};
}

// r and s read straight into a per-thread ECDSA_SIG's own BIGNUMs: no DER is written, parsed
// and re-encoded, as ECDSA_verify does.
BenchCase ecdsa_do_verify_case(std::shared_ptr<EC_KEY> ec) {
  return {"floor: low-level ECDSA_do_verify (per-thread ECDSA_SIG, no DER)", CaseKind::floor, [ec] {
            std::shared_ptr<ECDSA_SIG> sig(ECDSA_SIG_new(), ECDSA_SIG_free);  // this thread's
            BIGNUM* r = BN_new();
            BIGNUM* s = BN_new();
            if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) fail("floor: cannot make an ECDSA_SIG");
            return VerifyFn([ec, sig](const Sample& s) {
              const auto hash = floor_sha256(s.signing_input);
              if (s.signature.size() != 64) return false;
              return cleared(BN_bin2bn(s.signature.data(), 32, const_cast<BIGNUM*>(ECDSA_SIG_get0_r(sig.get()))) &&
                             BN_bin2bn(s.signature.data() + 32, 32, const_cast<BIGNUM*>(ECDSA_SIG_get0_s(sig.get()))) &&
                             ECDSA_do_verify(hash.data(), static_cast<int>(hash.size()), sig.get(), ec.get()) == 1);
            });
          }, {}, 1};
}

// HMAC-SHA256 with the key's inner and outer pad blocks absorbed once: each call copies two
// SHA256_CTX structs (no allocation, no provider) — the least work HMAC can be.
struct PadStates {
  SHA256_CTX inner, outer;
};

PadStates pad_states(const std::string& secret) {
  std::array<unsigned char, SHA256_CBLOCK> key{};
  if (secret.size() > key.size()) {
    const auto hashed = floor_sha256(secret);
    std::copy(hashed.begin(), hashed.end(), key.begin());
  } else {
    std::copy(secret.begin(), secret.end(), key.begin());
  }
  PadStates p;
  std::array<unsigned char, SHA256_CBLOCK> pad;
  for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = key[i] ^ 0x36;
  SHA256_Init(&p.inner);
  SHA256_Update(&p.inner, pad.data(), pad.size());
  for (std::size_t i = 0; i < pad.size(); ++i) pad[i] = key[i] ^ 0x5c;
  SHA256_Init(&p.outer);
  SHA256_Update(&p.outer, pad.data(), pad.size());
  OPENSSL_cleanse(key.data(), key.size());
  return p;
}

BenchCase hmac_pad_state_case(const std::string& secret) {
  const auto states = std::make_shared<const PadStates>(pad_states(secret));
  return {"floor: SHA256 from precomputed HMAC pad states", CaseKind::floor, [states] {
            return VerifyFn([states](const Sample& s) {
              std::array<unsigned char, SHA256_DIGEST_LENGTH> inner_hash, tag;
              SHA256_CTX ctx = states->inner;
              SHA256_Update(&ctx, s.signing_input.data(), s.signing_input.size());
              SHA256_Final(inner_hash.data(), &ctx);
              ctx = states->outer;
              SHA256_Update(&ctx, inner_hash.data(), inner_hash.size());
              SHA256_Final(tag.data(), &ctx);
              return s.signature.size() == tag.size() && CRYPTO_memcmp(tag.data(), s.signature.data(), tag.size()) == 0;
            });
          }, {}, 1};
}

}  // namespace

std::array<unsigned char, 32> floor_sha256(const std::string& input) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> hash;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, input.data(), input.size());
  SHA256_Final(hash.data(), &ctx);
  return hash;
}

std::vector<BenchCase> legacy_floor_cases(const AlgFixture& fixture) {
  switch (fixture.alg) {
    case Alg::RS256:
    case Alg::PS256: {
      const auto pkey = floor_public_key(fixture);
      std::shared_ptr<RSA> rsa(EVP_PKEY_get1_RSA(pkey.get()), RSA_free);
      if (!rsa) fail("floor: EVP_PKEY_get1_RSA failed");
      return {fixture.alg == Alg::RS256 ? rsa_pkcs1_case(rsa) : rsa_pss_case(rsa)};
    }
    case Alg::ES256: {
      const auto pkey = floor_public_key(fixture);
      std::shared_ptr<EC_KEY> ec(EVP_PKEY_get1_EC_KEY(pkey.get()), EC_KEY_free);
      if (!ec) fail("floor: EVP_PKEY_get1_EC_KEY failed");
      return {ecdsa_case(ec), ecdsa_do_verify_case(ec)};
    }
    case Alg::HS256:
      return {hmac_pad_state_case(fixture.hmac_secret)};
    default:
      return {};  // EdDSA has no low-level API in OpenSSL 3.0; other SHA sizes are not benchmarked
  }
}

}  // namespace bench
