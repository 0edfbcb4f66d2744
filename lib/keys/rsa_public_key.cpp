// RSA public keys: the checks RFC 7518 §6.3.1 and NIST SP 800-89 ask for, then EVP_PKEY_fromdata.
#include "keys/public_key.hpp"
#include "keys/roca.hpp"

#include <openssl/core_names.h>
#include <algorithm>
#include <openssl/err.h>

namespace jwtcheck::detail {

namespace {

// No RSA modulus below this is ever accepted, whatever Limits::min_rsa_bits says (SP 800-131A).
constexpr unsigned kRsaFloorBits = 2048;
// e < 2^256 (NIST SP 800-89).
constexpr std::size_t kMaxExponentBytes = 32;

Error invalid(std::string message) { return Error{ErrorCode::invalid_key, std::move(message)}; }

BignumPtr to_bignum(const std::string& bytes) {
  return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
}

std::optional<Error> check_modulus(const std::string& n, const Limits& limits) {
  if (n.empty()) return invalid("RSA modulus n is empty");
  // RFC 7518 §6.3.1.1: n MUST NOT have leading zero octets. We refuse them rather than guess:
  // the same key would otherwise have several encodings (and several thumbprints).
  if (n[0] == '\0') return invalid("RSA modulus n has a leading zero octet (RFC 7518 §6.3.1.1 forbids it)");
  const unsigned bits = bit_length(n);
  const unsigned min_bits = std::max(limits.min_rsa_bits, kRsaFloorBits);
  if (bits < min_bits)
    return Error{ErrorCode::weak_key,
                 "RSA key has " + std::to_string(bits) + " bits, at least " + std::to_string(min_bits) + " required"};
  if (bits > limits.max_rsa_bits)
    return Error{ErrorCode::unsupported_key,
                 "RSA key has " + std::to_string(bits) + " bits, at most " + std::to_string(limits.max_rsa_bits) + " supported"};
  if ((static_cast<unsigned char>(n.back()) & 1) == 0) return invalid("RSA modulus n is even: not a product of two odd primes");
  return std::nullopt;
}

// NIST SP 800-89 §5.3.3 / FIPS 186-5: e is odd and 2^16 < e < 2^256 (so at least 65537).
std::optional<Error> check_exponent(const std::string& e, unsigned modulus_bits) {
  if (e.empty()) return invalid("RSA exponent e is empty");
  if (e[0] == '\0') return invalid("RSA exponent e has a leading zero octet");
  if ((static_cast<unsigned char>(e.back()) & 1) == 0) return invalid("RSA exponent e is even, expected an odd number");
  if (e.size() > kMaxExponentBytes)
    return Error{ErrorCode::unsupported_key, "RSA exponent e is " + std::to_string(e.size()) + " bytes, at most " +
                                                 std::to_string(kMaxExponentBytes) + " accepted (e < 2^256)"};
  // OpenSSL refuses exponents over 64 bits for moduli over 3072 bits (RSA_MAX_PUBEXP_BITS).
  if (e.size() > 8 && modulus_bits > 3072)
    return Error{ErrorCode::unsupported_key, "RSA exponent e over 64 bits with a modulus over 3072 bits (OpenSSL refuses it)"};
  if (e.size() <= 3) {
    unsigned long value = 0;
    for (char c : e) value = (value << 8) | static_cast<unsigned char>(c);
    if (value < 65537)
      return Error{ErrorCode::weak_key, "RSA exponent e is " + std::to_string(value) +
                                            ", at least 65537 required (NIST SP 800-89)"};
  }
  return std::nullopt;
}

}  // namespace

unsigned bit_length(const std::string& big_endian) noexcept {
  if (big_endian.empty()) return 0;
  unsigned top = static_cast<unsigned char>(big_endian[0]);
  unsigned top_bits = 0;
  while (top != 0) {
    ++top_bits;
    top >>= 1;
  }
  return static_cast<unsigned>((big_endian.size() - 1) * 8) + top_bits;
}

Result<PkeyPtr> build_rsa_key(const RsaComponents& rsa, const Limits& limits) {
  if (auto error = check_modulus(rsa.n, limits)) return std::move(*error);
  if (auto error = check_exponent(rsa.e, bit_length(rsa.n))) return std::move(*error);
  BignumPtr n = to_bignum(rsa.n);
  BignumPtr e = to_bignum(rsa.e);
  if (!n || !e) return invalid("RSA numbers could not be loaded");
  if (has_roca_fingerprint(n.get()))
    return Error{ErrorCode::weak_key, "RSA modulus has the ROCA fingerprint (CVE-2017-15361): factorable key"};
  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  ParamPtr params;
  if (builder && OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1)
    params.reset(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return invalid("OpenSSL refused the RSA public key");
  }
  return PkeyPtr(pkey);
}

Result<PublicComponents> rsa_components_of(const EVP_PKEY* pkey) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  const bool got = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
                   EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1;
  BignumPtr n_owner(n), e_owner(e);
  if (!got) {
    ERR_clear_error();
    return invalid("RSA key without a readable modulus or exponent");
  }
  RsaComponents rsa;
  rsa.n.resize(static_cast<std::size_t>(BN_num_bytes(n)));
  rsa.e.resize(static_cast<std::size_t>(BN_num_bytes(e)));
  BN_bn2bin(n, reinterpret_cast<unsigned char*>(rsa.n.data()));
  BN_bn2bin(e, reinterpret_cast<unsigned char*>(rsa.e.data()));
  return PublicComponents{std::move(rsa)};
}

}  // namespace jwtcheck::detail
