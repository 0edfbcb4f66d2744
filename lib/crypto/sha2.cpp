// The low-level SHA-2 context functions are deprecated in OpenSSL 3.0 but kept: see sha2.hpp.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/sha2.hpp"

#include "crypto/alg_traits.hpp"

#include <openssl/sha.h>

namespace jwtcheck::detail {

namespace {

// Init / Update / Final on a context on the stack. Not the one-shot SHA256(): on OpenSSL 3.0
// that is EVP_Q_digest, which fetches the digest and allocates three blocks per call.
template <class Context, int (*Init)(Context*), int (*Update)(Context*, const void*, std::size_t),
          int (*Final)(unsigned char*, Context*)>
std::size_t digest(std::string_view input, unsigned char* out, std::size_t length) noexcept {
  Context ctx;  // hashes a token's public signing input: nothing to wipe
  const bool ok = Init(&ctx) == 1 && Update(&ctx, input.data(), input.size()) == 1 && Final(out, &ctx) == 1;
  return ok ? length : 0;
}

}  // namespace

std::size_t sha2_digest(Alg alg, std::string_view input, std::span<unsigned char, EVP_MAX_MD_SIZE> out) noexcept {
  switch (alg_hash_bytes(alg)) {
    case 32: return digest<SHA256_CTX, SHA256_Init, SHA256_Update, SHA256_Final>(input, out.data(), 32);
    case 48: return digest<SHA512_CTX, SHA384_Init, SHA384_Update, SHA384_Final>(input, out.data(), 48);
    case 64: return digest<SHA512_CTX, SHA512_Init, SHA512_Update, SHA512_Final>(input, out.data(), 64);
    default: return 0;
  }
}

}  // namespace jwtcheck::detail
