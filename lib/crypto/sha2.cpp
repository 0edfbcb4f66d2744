// SHA256() / SHA384() / SHA512() are deprecated in OpenSSL 3.0 but kept: see sha2.hpp.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "crypto/sha2.hpp"

#include "crypto/alg_traits.hpp"

#include <openssl/sha.h>

namespace jwtcheck::detail {

std::size_t sha2_digest(Alg alg, std::string_view input, std::span<unsigned char, EVP_MAX_MD_SIZE> out) noexcept {
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  switch (alg_hash_bytes(alg)) {
    case 32: SHA256(data, input.size(), out.data()); return 32;
    case 48: SHA384(data, input.size(), out.data()); return 48;
    case 64: SHA512(data, input.size(), out.data()); return 64;
    default: return 0;
  }
}

}  // namespace jwtcheck::detail
