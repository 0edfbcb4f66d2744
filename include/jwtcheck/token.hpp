// jwtcheck — decoding a compact JWS for inspection. Nothing here verifies anything.
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/limits.hpp>

#include <string>
#include <string_view>

namespace jwtcheck {

/// A token's decoded parts. UNVERIFIED: the signature and claims have not been checked;
/// never base a decision on this. Use Verifier for that.
struct UnverifiedToken {
  std::string header_json;     ///< the decoded header, a JSON object (checked: valid, no duplicate names)
  std::string claims_json;     ///< the decoded claims, a JSON object (same checks)
  std::string alg;             ///< header "alg" as sent (may be "none" or unknown: this is inspection)
  std::string kid;             ///< header "kid", empty when absent
  std::string typ;             ///< header "typ", empty when absent
  std::size_t signature_bytes = 0;  ///< length of the decoded signature; 0: an unsigned token (empty segment)
};

/// Splits and decodes a compact JWS (strict base64url, JSON limits) without verifying it. An
/// unsigned token ("header.claims.", alg "none") is decoded too, with signature_bytes 0: a
/// Verifier always refuses it.
/// Errors: token_too_large, malformed_token, encrypted_token, invalid_json, json_too_deep,
/// duplicate_member, invalid_header.
JWTCHECK_API Result<UnverifiedToken> decode_unverified(std::string_view token, const Limits& limits = {});

}  // namespace jwtcheck
