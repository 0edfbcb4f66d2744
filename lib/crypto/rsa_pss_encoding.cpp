#include "crypto/rsa_pss_encoding.hpp"

#include "crypto/alg_traits.hpp"
#include "crypto/rsa_verifier.hpp"
#include "crypto/sha2.hpp"

#include <array>
#include <cstring>
#include <string_view>

namespace jwtcheck::detail {

namespace {

std::string_view chars(const unsigned char* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

// XORs MGF1(seed, mask.size()) with alg's hash (RFC 8017 §B.2.1) into `mask`.
bool xor_mgf1(Alg alg, std::span<const unsigned char> seed, std::span<unsigned char> mask) noexcept {
  std::array<unsigned char, EVP_MAX_MD_SIZE + 4> input;  // seed || counter (big-endian)
  std::memcpy(input.data(), seed.data(), seed.size());
  std::array<unsigned char, EVP_MAX_MD_SIZE> block;
  std::size_t done = 0;
  for (std::uint32_t counter = 0; done < mask.size(); ++counter) {
    for (int i = 0; i < 4; ++i) input[seed.size() + static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter >> (24 - 8 * i));
    const std::size_t h_len = sha2_digest(alg, chars(input.data(), seed.size() + 4), block);
    if (h_len == 0) return false;
    for (std::size_t i = 0; i < h_len && done < mask.size(); ++i) mask[done++] ^= block[i];
  }
  return true;
}

}  // namespace

bool pss_encoding_matches(Alg alg, std::span<const unsigned char> hash, std::span<const unsigned char> block,
                          std::size_t modulus_bits) noexcept {
  const std::size_t h_len = alg_hash_bytes(alg);
  const std::size_t s_len = h_len;  // RFC 7518 §3.5
  if (alg_family(alg) != AlgFamily::rsa_pss || hash.size() != h_len || modulus_bits < 2) return false;
  // §8.1.2 step 2c: EM is I2OSP(m, emLen), emLen = ceil((modBits - 1) / 8); when that is one
  // byte short of the modulus' k, the block's first byte must be 0.
  const std::size_t em_bits = modulus_bits - 1;
  const std::size_t em_len = (em_bits + 7) / 8;
  if (block.size() != (modulus_bits + 7) / 8 || block.size() > RsaVerifier::kMaxModulusBytes) return false;
  if (block.size() > em_len && block[0] != 0) return false;
  const std::span<const unsigned char> em = block.last(em_len);
  // §9.1.2 steps 3-6.
  if (em_len < h_len + s_len + 2 || em[em_len - 1] != 0xbc) return false;
  const std::size_t db_len = em_len - h_len - 1;
  const std::span<const unsigned char> h = em.subspan(db_len, h_len);
  const unsigned unused_bits = static_cast<unsigned>(8 * em_len - em_bits);  // 0..7
  const auto top_mask = static_cast<unsigned char>(0xff >> unused_bits);
  if ((em[0] & ~top_mask) != 0) return false;
  // Steps 7-9: DB = maskedDB xor MGF1(H), its unused top bits cleared.
  std::array<unsigned char, RsaVerifier::kMaxModulusBytes> db;
  std::memcpy(db.data(), em.data(), db_len);
  if (!xor_mgf1(alg, h, std::span(db.data(), db_len))) return false;
  db[0] &= top_mask;
  // Step 10: zeros, then 0x01, then the salt.
  const std::size_t zeros = db_len - s_len - 1;
  for (std::size_t i = 0; i < zeros; ++i)
    if (db[i] != 0) return false;
  if (db[zeros] != 0x01) return false;
  // Steps 11-14: H' = Hash(0x00 x 8 || mHash || salt) must equal H.
  std::array<unsigned char, 8 + 2 * EVP_MAX_MD_SIZE> m_prime{};
  std::memcpy(m_prime.data() + 8, hash.data(), h_len);
  std::memcpy(m_prime.data() + 8 + h_len, db.data() + db_len - s_len, s_len);
  std::array<unsigned char, EVP_MAX_MD_SIZE> h_prime;
  return sha2_digest(alg, chars(m_prime.data(), 8 + h_len + s_len), h_prime) == h_len &&
         std::memcmp(h_prime.data(), h.data(), h_len) == 0;
}

}  // namespace jwtcheck::detail
