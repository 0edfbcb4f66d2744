// ecdsa_raw_to_der against OpenSSL's own DER encoder (i2d_ECDSA_SIG) on edge-case values.
#include "crypto/ecdsa_der.hpp"
#include "openssl_handles.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/ecdsa.h>
#include <openssl/rand.h>

#include <string>
#include <vector>

using jwtcheck::detail::ecdsa_raw_to_der;
using jwtcheck::detail::EcdsaDerBuffer;

namespace {

std::vector<unsigned char> openssl_der(const std::vector<unsigned char>& raw) {
  const int half = static_cast<int>(raw.size() / 2);
  std::unique_ptr<ECDSA_SIG, jwtcheck::detail::OpenSslDeleter<ECDSA_SIG_free>> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(raw.data(), half, nullptr);
  BIGNUM* s = BN_bin2bn(raw.data() + half, half, nullptr);
  ECDSA_SIG_set0(sig.get(), r, s);
  unsigned char* out = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &out);
  std::vector<unsigned char> der(out, out + len);
  OPENSSL_free(out);
  return der;
}

void check_matches_openssl(const std::vector<unsigned char>& raw) {
  EcdsaDerBuffer buffer;
  const auto len = ecdsa_raw_to_der(raw, buffer);
  BOOST_REQUIRE(len.has_value());
  const std::vector<unsigned char> ours(buffer.begin(), buffer.begin() + static_cast<long>(*len));
  BOOST_TEST(ours == openssl_der(raw), boost::test_tools::per_element());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ecdsa_der)

BOOST_AUTO_TEST_CASE(matches_openssl_for_edge_values) {
  for (std::size_t half : {32U, 48U, 66U}) {
    std::vector<unsigned char> raw(2 * half);
    for (int round = 0; round < 50; ++round) {
      BOOST_REQUIRE(RAND_bytes(raw.data(), static_cast<int>(raw.size())) == 1);
      if (round % 5 == 1) raw[0] |= 0x80;                          // r needs a 0x00 pad
      if (round % 5 == 2) raw[0] = 0, raw[1] = 0, raw[2] &= 0x7f;  // r with leading zeros
      if (round % 5 == 3) std::fill(raw.begin() + static_cast<long>(half), raw.end() - 1, 0);  // s tiny
      if (round % 5 == 4) std::fill(raw.begin(), raw.end(), 0xff);  // longest encoding
      raw[2 * half - 1] |= 1;                                       // s never zero
      raw[half - 1] |= 1;                                           // r never zero
      check_matches_openssl(raw);
    }
  }
}

BOOST_AUTO_TEST_CASE(refuses_zero_odd_and_oversized) {
  EcdsaDerBuffer buffer;
  std::vector<unsigned char> zero(64, 0);
  BOOST_TEST(!ecdsa_raw_to_der(zero, buffer).has_value());  // r = s = 0
  std::vector<unsigned char> r_zero(64, 1);
  std::fill(r_zero.begin(), r_zero.begin() + 32, 0);
  BOOST_TEST(!ecdsa_raw_to_der(r_zero, buffer).has_value());
  std::vector<unsigned char> s_zero(64, 1);
  std::fill(s_zero.begin() + 32, s_zero.end(), 0);
  BOOST_TEST(!ecdsa_raw_to_der(s_zero, buffer).has_value());
  BOOST_TEST(!ecdsa_raw_to_der(std::vector<unsigned char>(63, 1), buffer).has_value());
  BOOST_TEST(!ecdsa_raw_to_der(std::vector<unsigned char>(134, 1), buffer).has_value());
  BOOST_TEST(!ecdsa_raw_to_der(std::vector<unsigned char>(), buffer).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
