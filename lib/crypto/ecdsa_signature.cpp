#include "crypto/ecdsa_signature.hpp"

#include "openssl_handles.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>

#include <memory>

namespace jwtcheck::detail {

std::vector<unsigned char> ecdsa_raw_to_der(std::span<const unsigned char> raw) {
  if (raw.empty() || raw.size() % 2 != 0) return {};
  const int half = static_cast<int>(raw.size() / 2);
  std::unique_ptr<ECDSA_SIG, FreeWith<ECDSA_SIG_free>> sig(ECDSA_SIG_new());
  BignumPtr r(BN_bin2bn(raw.data(), half, nullptr));
  BignumPtr s(BN_bin2bn(raw.data() + half, half, nullptr));
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return {};
  r.release();  // ECDSA_SIG_set0 took r and s
  s.release();
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) return {};
  std::vector<unsigned char> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  if (i2d_ECDSA_SIG(sig.get(), &out) != size) return {};
  return der;
}

}  // namespace jwtcheck::detail
