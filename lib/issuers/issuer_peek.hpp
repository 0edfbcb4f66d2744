// Reads a token's "iss" before anything is verified, only to pick the issuer whose Verifier
// checks the token in full (strictly: base64url, JSON, duplicate members, iss == policy.issuer).
// A lenient read here cannot let a token pass: it only chooses which keys and policy apply.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// What peek_issuer found.
enum class PeekOutcome {
  found,         ///< "iss" is a string (unescaped into the scratch string)
  missing,       ///< the claims are an object without "iss"
  not_a_string,  ///< "iss" is there, another JSON type
  unreadable,    ///< no claims object could be read (let the strict decoder say why)
};

/// Scratch buffers, reused across calls (one per thread: no allocation once warm).
struct PeekScratch {
  std::string base64;  ///< the payload in the standard alphabet, padded
  std::string json;    ///< the decoded payload
  std::string issuer;  ///< the "iss" value, unescaped
};

/// The payload characters to decode first: enough for `{"iss":"` and an issuer of
/// `longest_issuer` bytes, its closing quote and a little whitespace (a multiple of 4).
std::size_t first_part_chars(std::size_t longest_issuer) noexcept;

/// The top-level "iss" of the token's claims (the first one, if sent twice: the strict decode
/// refuses that token anyway). Decodes the first `first_chars` payload characters (see
/// first_part_chars), and all of it only when "iss" is not complete in them. On `found`, the
/// issuer is `scratch.issuer`.
PeekOutcome peek_issuer(std::string_view token, PeekScratch& scratch, std::size_t first_chars);

}  // namespace jwtcheck::detail
