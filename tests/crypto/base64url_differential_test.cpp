// base64url_decode (lib/base64url.cpp: table-driven loops, 8 chars per step while the output has
// room for an 8-byte store, then quads, then the tail) against a plain bit-by-bit reference
// decoder of RFC 4648 §5 without padding: same bytes for every valid input, and a refusal for every non-alphabet byte
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

// Decodes into `out`.
std::optional<std::size_t> decode_by(std::string_view in, std::span<unsigned char> out) {
  return jwtcheck::detail::base64url_decode(in, out);
}

// Decodes into an exact-size string.
std::optional<std::string> decode_by(std::string_view in) {
  const auto size = jwtcheck::detail::base64url_decoded_size(in.size());
  if (!size) return std::nullopt;
  std::string out(*size, '\0');
  if (!decode_by(in, std::span(reinterpret_cast<unsigned char*>(out.data()), out.size()))) return std::nullopt;
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

// Lengths up to 300: every tail length behind any number of 8-char steps.
BOOST_AUTO_TEST_CASE(matches_the_reference_at_every_length_up_to_300) {
  std::mt19937 rng(20261130);
  for (std::size_t len = 0; len <= 300; ++len) {
    for (int round = 0; round < 8; ++round) {
      const std::string s = random_encoded(rng, len);
      const auto want = reference_decode(s);
      if (decode_by(s) != want) BOOST_ERROR("input " << s);
      BOOST_TEST((jwtcheck::detail::base64url_decode(s) == want), "input " << s);
    }
  }
}

BOOST_AUTO_TEST_CASE(never_writes_past_an_exact_span_at_any_length_up_to_300) {
  constexpr std::size_t kGuard = 32;  // wider than any store the decoder makes
  std::mt19937 rng(11);
  for (std::size_t len = 0; len <= 300; ++len) {
    const auto size = jwtcheck::detail::base64url_decoded_size(len);
    if (!size) continue;
    // Canonical by construction: encode random bytes of the decoded size.
    std::string bytes(*size, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    const std::string s = jwtcheck::detail::base64url_encode(bytes);
    BOOST_REQUIRE_EQUAL(s.size(), len);
    std::string buffer(*size + kGuard, '\x5a');
    const auto written = decode_by(s, std::span(reinterpret_cast<unsigned char*>(buffer.data()), *size));
    BOOST_REQUIRE(written);
    BOOST_TEST(*written == *size);
    BOOST_TEST(buffer.substr(0, *size) == bytes, "length " << len);
    BOOST_TEST(buffer.substr(*size) == std::string(kGuard, '\x5a'),
               "length " << len << " wrote past its span");
  }
}

BOOST_AUTO_TEST_CASE(refuses_every_non_alphabet_byte_in_blocks_and_tail) {
  // 96 chars into an exact span (72 bytes): the last quad is decoded by the quad loop; into a
  // roomy span every quad goes through the 8-char loop.
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
      const auto exact = decode_by(s);
      const auto into_roomy = decode_by(s, roomy);
      if (exact != want) BOOST_ERROR("exact span: pos " << pos << " byte " << b << " differs");
      if (into_roomy.has_value() != want.has_value() ||
          (want && std::string(reinterpret_cast<const char*>(roomy.data()), *into_roomy) != *want))
        BOOST_ERROR("roomy span: pos " << pos << " byte " << b << " differs");
    }
  }
}

BOOST_AUTO_TEST_CASE(refuses_non_canonical_trailing_bits_after_blocks) {
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
      const auto got = decode_by(s);
      if (got.has_value() != canonical) BOOST_ERROR("length " << len << " last char " << s.back());
      if (got != want) BOOST_ERROR("length " << len << " differs from the reference");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
