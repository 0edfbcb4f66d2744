// EVP floors for HMAC (HS*): the tag is recomputed and compared in constant time.
#include "floor_cases.hpp"
#include "openssl_floor_keys.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "openssl_handles.hpp"

namespace bench {
namespace {

using jwtcheck::detail::MacCtxPtr;

struct SharedSecret {
  std::string secret;
  std::string digest_name;
  std::shared_ptr<EVP_MD> md;
  std::shared_ptr<EVP_MAC> mac;
};

bool tag_matches(const unsigned char* tag, std::size_t tag_len, const Sample& s) {
  return tag_len == s.signature.size() && CRYPTO_memcmp(tag, s.signature.data(), tag_len) == 0;
}

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

bool mac_update_final(EVP_MAC_CTX* ctx, const Sample& s) {
  unsigned char tag[EVP_MAX_MD_SIZE];
  std::size_t tag_len = 0;
  if (EVP_MAC_update(ctx, bytes(s.signing_input), s.signing_input.size()) != 1 ||
      EVP_MAC_final(ctx, tag, &tag_len, sizeof tag) != 1) {
    ERR_clear_error();
    return false;
  }
  return tag_matches(tag, tag_len, s);
}

// HMAC(): what most code calls; in OpenSSL 3 it fetches the MAC and digest on every call.
BenchCase one_shot_case(const SharedSecret& k) {
  return {"openssl HMAC(): one-shot per call", CaseKind::floor, [k] {
            return VerifyFn([k](const Sample& s) {
              unsigned char tag[EVP_MAX_MD_SIZE];
              unsigned int tag_len = 0;
              if (HMAC(k.md.get(), k.secret.data(), static_cast<int>(k.secret.size()), bytes(s.signing_input),
                       s.signing_input.size(), tag, &tag_len) == nullptr) {
                ERR_clear_error();
                return false;
              }
              return tag_matches(tag, tag_len, s);
            });
          }, {}, 1};
}

// One reused EVP_MAC_CTX, keyed (init) on every call.
BenchCase reset_init_case(const SharedSecret& k) {
  return {floor_reset_init, CaseKind::floor, [k] {
            auto ctx = std::make_shared<MacCtxPtr>(EVP_MAC_CTX_new(k.mac.get()));
            return VerifyFn([k, ctx](const Sample& s) {
              OSSL_PARAM params[] = {
                  OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(k.digest_name.c_str()), 0),
                  OSSL_PARAM_construct_end()};
              if (EVP_MAC_init(ctx->get(), bytes(k.secret), k.secret.size(), params) != 1) {
                ERR_clear_error();
                return false;
              }
              return mac_update_final(ctx->get(), s);
            });
          }, {}, 1};
}

// A context keyed once; each call works on a dup of it (keying precomputes the ipad/opad states).
BenchCase dup_keyed_case(const SharedSecret& k) {
  auto keyed = std::make_shared<MacCtxPtr>(EVP_MAC_CTX_new(k.mac.get()));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(k.digest_name.c_str()), 0),
      OSSL_PARAM_construct_end()};
  if (!*keyed || EVP_MAC_init(keyed->get(), bytes(k.secret), k.secret.size(), params) != 1)
    fail("floor: cannot key the HMAC context");
  return {"openssl evp: EVP_MAC_CTX_dup of a keyed ctx", CaseKind::floor, [keyed] {
            return VerifyFn([keyed](const Sample& s) {
              MacCtxPtr ctx(EVP_MAC_CTX_dup(keyed->get()));
              return ctx && mac_update_final(ctx.get(), s);
            });
          }, {}, 1};
}

}  // namespace

std::vector<BenchCase> hmac_floor_cases(const AlgFixture& fixture) {
  SharedSecret k{fixture.hmac_secret, {}, floor_digest(fixture), nullptr};
  k.digest_name = EVP_MD_get0_name(k.md.get());
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (mac == nullptr) fail("OpenSSL cannot fetch HMAC");
  k.mac.reset(mac, EVP_MAC_free);
  return {one_shot_case(k), reset_init_case(k), dup_keyed_case(k)};
}

}  // namespace bench
