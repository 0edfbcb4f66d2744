#include "crypto/rsa_pkcs1_encoding.hpp"

#include "crypto/alg_traits.hpp"

#include <array>
#include <cstring>

namespace jwtcheck::detail {

namespace {

// The DER of DigestInfo up to the hash value, for each SHA-2 (RFC 8017 §9.2, note 1): the
// algorithm identifier with its NULL parameters, then the OCTET STRING header.
constexpr std::array<unsigned char, 19> kSha256Prefix = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                         0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
constexpr std::array<unsigned char, 19> kSha384Prefix = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                         0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
constexpr std::array<unsigned char, 19> kSha512Prefix = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                                         0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

std::span<const unsigned char> digest_info_prefix(Alg alg) noexcept {
  if (alg_family(alg) != AlgFamily::rsa_pkcs1) return {};
  switch (alg_hash_bytes(alg)) {
    case 32: return kSha256Prefix;
    case 48: return kSha384Prefix;
    case 64: return kSha512Prefix;
    default: return {};
  }
}

}  // namespace

bool pkcs1_v1_5_encoding_matches(Alg alg, std::span<const unsigned char> hash,
                                 std::span<const unsigned char> block) noexcept {
  const std::span<const unsigned char> prefix = digest_info_prefix(alg);
  const std::size_t k = block.size();
  const std::size_t t_len = prefix.size() + hash.size();  // the DigestInfo T
  // §9.2 step 3: k >= tLen + 11, so at least 8 bytes of 0xff.
  if (prefix.empty() || hash.size() != alg_hash_bytes(alg) || k < t_len + 11) return false;
  // EM' = 0x00 || 0x01 || PS || 0x00 || T, PS being k - tLen - 3 bytes of 0xff.
  const std::size_t separator = k - t_len - 1;
  bool same = block[0] == 0x00 && block[1] == 0x01 && block[separator] == 0x00;
  for (std::size_t i = 2; i < separator; ++i) same = same && block[i] == 0xff;
  return same && std::memcmp(block.data() + separator + 1, prefix.data(), prefix.size()) == 0 &&
         std::memcmp(block.data() + separator + 1 + prefix.size(), hash.data(), hash.size()) == 0;
}

}  // namespace jwtcheck::detail
