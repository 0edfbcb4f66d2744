// base64url_decode (lib/base64url.cpp: AVX2 32-char blocks, then SSSE3 16-char blocks, then the
// table-driven scalar loops, starting from the widest the CPU has), each path in turn, against a plain bit-by-bit reference decoder of RFC 4648 §5
// without padding: same bytes for every valid input, and a refusal for every non-alphabet byte
// in every position and every non-canonical tail.
#include "base64url.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <optional>
#include <span>
#include <random>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Strict reference: every char in the alphabet, length % 4 != 1, unused tail bits zero.
std::optional<std::string> reference_decode(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned bits = 0;
  unsigned nbits = 0;
  for (char c : in) {
    const auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    bits = (bits << 6 | static_cast<unsigned>(pos)) & 0xfff;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push_back(static_cast<char>((bits >> nbits) & 0xff));
    }
  }
  if ((bits & ((1u << nbits) - 1)) != 0) return std::nullopt;  // non-canonical unused bits
  return out;
}

using jwtcheck::detail::Base64urlPath;

// Every path, widest first; one the CPU lacks runs as the widest it has (the base64url suite
// checks which that is).
constexpr std::array kPaths = {Base64urlPath::avx2, Base64urlPath::ssse3, Base64urlPath::scalar};

const char* path_name(Base64urlPath path) {
  return path == Base64urlPath::avx2 ? "avx2" : path == Base64urlPath::ssse3 ? "ssse3" : "scalar";
}

// Decodes into `out` by `path`.
std::optional<std::size_t> decode_by(Base64urlPath path, std::string_view in, std::span<unsigned char> out) {
  return jwtcheck::detail::base64url_decode_by(path, in, out);
}

// Decodes into an exact-size string by `path`.
std::optional<std::string> decode_by(Base64urlPath path, std::string_view in) {
  const auto size = jwtcheck::detail::base64url_decoded_size(in.size());
  if (!size) return std::nullopt;
  std::string out(*size, '\0');
  if (!decode_by(path, in, std::span(reinterpret_cast<unsigned char*>(out.data()), out.size()))) return std::nullopt;
  return out;
}

std::string random_encoded(std::mt19937& rng, std::size_t len) {
  std::string s(len, 'A');
  for (auto& c : s) c = kAlphabet[rng() % kAlphabet.size()];
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(base64url_differential)

BOOST_AUTO_TEST_CASE(matches_the_reference_on_random_valid_and_invalid_input) {
  std::mt19937 rng(20261129);
  std::size_t accepted = 0;
  std::size_t refused = 0;
  for (std::size_t len = 0; len <= 70; ++len) {
    for (int round = 0; round < 20; ++round) {
      const std::string s = random_encoded(rng, len);
      const auto want = reference_decode(s);
      BOOST_TEST((jwtcheck::detail::base64url_decode(s) == want), "input " << s);
      want ? ++accepted : ++refused;
    }
  }
  BOOST_TEST(accepted > 0U);
  BOOST_TEST(refused > 0U);  // random tails include non-canonical ones and len % 4 == 1
}

BOOST_AUTO_TEST_CASE(never_writes_past_the_span_it_is_given) {
  // The fast loop stores 8 bytes at a time; the last of them must still fall inside the span.
  std::mt19937 rng(3);
  for (std::size_t len = 2; len <= 70; ++len) {
    if (len % 4 == 1) continue;
    const std::string s = random_encoded(rng, len);
    const auto size = jwtcheck::detail::base64url_decoded_size(len);
    BOOST_REQUIRE(size);
    std::string buffer(*size + 8, '\x5a');
    const auto written = jwtcheck::detail::base64url_decode(
        s, std::span(reinterpret_cast<unsigned char*>(buffer.data()), *size));
    const auto want = reference_decode(s);
    if (!want) continue;  // a non-canonical tail
    BOOST_REQUIRE(written);
    BOOST_TEST(*written == *size);
    BOOST_TEST(buffer.substr(0, *size) == *want);
    BOOST_TEST(buffer.substr(*size) == std::string(8, '\x5a'), "length " << len << " wrote past its span");
  }
}

BOOST_AUTO_TEST_CASE(every_byte_value_in_every_position_of_a_quad_and_tail) {
  std::mt19937 rng(7);
  for (std::size_t len : {4u, 8u, 10u, 11u, 23u}) {
    const std::string base = random_encoded(rng, len);
    for (std::size_t pos = 0; pos < len; ++pos) {
      for (int b = 0; b < 256; ++b) {
        std::string s = base;
        s[pos] = static_cast<char>(b);
        const auto got = jwtcheck::detail::base64url_decode(s);
        const auto want = reference_decode(s);
        if (got != want) BOOST_ERROR("len " << len << " pos " << pos << " byte " << b << " differs");
        if (kAlphabet.find(static_cast<char>(b)) == std::string_view::npos && got) BOOST_ERROR("accepted byte " << b);
      }
    }
  }
  BOOST_TEST((jwtcheck::detail::base64url_decode(std::string_view("Zm9v")) == std::optional<std::string>("foo")));
}

// The SIMD paths take 32-char (AVX2) and 16-char (SSSE3) blocks while 32 or 16 bytes of output
// room remain, so lengths up to 300 put every block boundary and every scalar tail length
// behind some number of SIMD blocks of each width.
BOOST_AUTO_TEST_CASE(every_path_matches_the_reference_at_every_length_up_to_300) {
  std::mt19937 rng(20261130);
  for (std::size_t len = 0; len <= 300; ++len) {
    for (int round = 0; round < 8; ++round) {
      const std::string s = random_encoded(rng, len);
      const auto want = reference_decode(s);
      for (const Base64urlPath path : kPaths)
        if (decode_by(path, s) != want) BOOST_ERROR(path_name(path) << ": input " << s);
      BOOST_TEST((jwtcheck::detail::base64url_decode(s) == want), "input " << s);
    }
  }
}

BOOST_AUTO_TEST_CASE(no_path_writes_past_an_exact_span_at_any_length_up_to_300) {
  constexpr std::size_t kGuard = 32;  // as wide as any store the decoder makes
  std::mt19937 rng(11);
  for (std::size_t len = 0; len <= 300; ++len) {
    const auto size = jwtcheck::detail::base64url_decoded_size(len);
    if (!size) continue;
    // Canonical by construction: encode random bytes of the decoded size.
    std::string bytes(*size, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    const std::string s = jwtcheck::detail::base64url_encode(bytes);
    BOOST_REQUIRE_EQUAL(s.size(), len);
    for (const Base64urlPath path : kPaths) {
      std::string buffer(*size + kGuard, '\x5a');
      const auto written = decode_by(path, s, std::span(reinterpret_cast<unsigned char*>(buffer.data()), *size));
      BOOST_REQUIRE(written);
      BOOST_TEST(*written == *size);
      BOOST_TEST(buffer.substr(0, *size) == bytes, path_name(path) << ": length " << len);
      BOOST_TEST(buffer.substr(*size) == std::string(kGuard, '\x5a'),
                 path_name(path) << ": length " << len << " wrote past its span");
    }
  }
}

BOOST_AUTO_TEST_CASE(every_path_refuses_every_non_alphabet_byte_in_blocks_and_tail) {
  // 96 chars into an exact span (72 bytes): by AVX2, positions 0-63 fall in 32-char blocks,
  // 64-79 in an SSSE3 block and 80-95 in the scalar tail; by SSSE3, 0-79 in 16-char blocks.
  // Into a roomy span every block goes through the path's widest loop.
  std::mt19937 rng(64);
  const std::string base = random_encoded(rng, 96);
  std::array<unsigned char, 128> roomy{};
  for (std::size_t pos = 0; pos < base.size(); ++pos) {
    for (int b = 0; b < 256; ++b) {
      std::string s = base;
      s[pos] = static_cast<char>(b);
      const auto want = reference_decode(s);
      if ((kAlphabet.find(static_cast<char>(b)) == std::string_view::npos) == want.has_value())
        BOOST_ERROR("reference disagrees on byte " << b);
      for (const Base64urlPath path : kPaths) {
        const auto exact = decode_by(path, s);
        const auto into_roomy = decode_by(path, s, roomy);
        if (exact != want) BOOST_ERROR(path_name(path) << ", exact span: pos " << pos << " byte " << b << " differs");
        if (into_roomy.has_value() != want.has_value() ||
            (want && std::string(reinterpret_cast<const char*>(roomy.data()), *into_roomy) != *want))
          BOOST_ERROR(path_name(path) << ", roomy span: pos " << pos << " byte " << b << " differs");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_path_refuses_non_canonical_trailing_bits_after_blocks) {
  std::mt19937 rng(5);
  for (std::size_t len = 2; len <= 300; ++len) {
    if (len % 4 != 2 && len % 4 != 3) continue;
    std::string s = random_encoded(rng, len);
    // The last char carries 4 (len % 4 == 2) or 2 (len % 4 == 3) unused low bits.
    const std::size_t unused_mask = len % 4 == 2 ? 0x0f : 0x03;
    for (std::size_t value = 0; value < 64; ++value) {
      s.back() = kAlphabet[value];
      const bool canonical = (value & unused_mask) == 0;
      const auto want = reference_decode(s);
      for (const Base64urlPath path : kPaths) {
        const auto got = decode_by(path, s);
        if (got.has_value() != canonical) BOOST_ERROR(path_name(path) << ": length " << len << " last char " << s.back());
        if (got != want) BOOST_ERROR(path_name(path) << ": length " << len << " differs from the reference");
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
