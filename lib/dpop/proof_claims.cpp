#include "dpop/proof_claims.hpp"

#include "dpop/access_token_hash.hpp"
#include "dpop/htu.hpp"
#include "dpop/proof_segments.hpp"
#include "json/message_quote.hpp"

#include <cmath>
#include <string>

namespace jwtcheck::detail {

namespace {

// The claim's string value, or an Error with `code` saying it is absent or of another type.
Result<std::string_view> string_claim(const ObjectScan& payload, int slot, ErrorCode code) {
  const std::string_view name = kProofClaimNames[slot];
  const ScannedValue* value = payload.slot(slot);
  if (value == nullptr) return Error{code, "DPoP proof: the \"" + std::string(name) + "\" claim is missing"};
  if (!value->is_string())
    return Error{code, "DPoP proof: \"" + std::string(name) + "\" must be a string, got " + quote_for_message(value->raw())};
  return value->string;
}

}  // namespace

Result<std::string_view> proof_jti(const ObjectScan& payload) {
  auto jti = string_claim(payload, kJti, ErrorCode::dpop_proof_malformed);
  if (jti && jti->empty()) return Error{ErrorCode::dpop_proof_malformed, "DPoP proof: \"jti\" is empty"};
  return jti;
}

Result<void> check_htm(const ObjectScan& payload, std::string_view method) {
  auto htm = string_claim(payload, kHtm, ErrorCode::dpop_htm_mismatch);
  if (!htm) return htm.error();
  if (*htm != method)
    return Error{ErrorCode::dpop_htm_mismatch,
                 "DPoP proof htm " + quote_for_message(*htm) + " is not the request's method " + quote_for_message(method)};
  return {};
}

Result<void> check_htu(const ObjectScan& payload, std::string_view url) {
  auto htu = string_claim(payload, kHtu, ErrorCode::dpop_htu_mismatch);
  if (!htu) return htu.error();
  const auto request = normalized_htu(url);
  if (!request)
    return Error{ErrorCode::dpop_htu_mismatch, "the request URL " + quote_for_message(url) + " is not an absolute URL"};
  const auto proof = normalized_htu(*htu);
  if (!proof || *proof != *request)
    return Error{ErrorCode::dpop_htu_mismatch, "DPoP proof htu " + quote_for_message(*htu) + " is not the request's URL " +
                                                   quote_for_message(*request) + " (query and fragment ignored)"};
  return {};
}

Result<std::int64_t> check_iat(const ObjectScan& payload, std::int64_t now, std::int64_t window) {
  const ScannedValue* iat = payload.slot(kIat);
  if (iat == nullptr) return Error{ErrorCode::dpop_iat_invalid, "DPoP proof: the \"iat\" claim is missing"};
  if (!iat->is_number() || !std::isfinite(iat->number))
    return Error{ErrorCode::dpop_iat_invalid, "DPoP proof: \"iat\" must be a number, got " + quote_for_message(iat->raw())};
  // Compared as doubles: iat may be any JSON number, and now ± window is exact in a double.
  const double earliest = static_cast<double>(now - window), latest = static_cast<double>(now + window);
  if (iat->number < earliest || iat->number > latest)
    return Error{ErrorCode::dpop_iat_invalid, "DPoP proof iat " + quote_for_message(iat->raw()) + " is not within " +
                                                  std::to_string(window) + " s of now " + std::to_string(now)};
  return static_cast<std::int64_t>(iat->number);
}

Result<void> check_nonce(const ObjectScan& payload, std::string_view expected, bool required) {
  if (expected.empty()) {
    if (!required) return {};
    return Error{ErrorCode::dpop_nonce_mismatch,
                 "a DPoP nonce is required and none was issued for this request: answer use_dpop_nonce with a DPoP-Nonce"};
  }
  auto nonce = string_claim(payload, kNonce, ErrorCode::dpop_nonce_mismatch);
  if (!nonce) return nonce.error();
  if (*nonce != expected)
    return Error{ErrorCode::dpop_nonce_mismatch, "DPoP proof nonce " + quote_for_message(*nonce) + " is not the server's nonce"};
  return {};
}

Result<void> check_ath(const ObjectScan& payload, std::string_view access_token, const EVP_MD* sha256) {
  auto ath = string_claim(payload, kAth, ErrorCode::dpop_ath_mismatch);
  if (!ath) return ath.error();
  const auto expected = access_token_hash(access_token, sha256);
  if (!expected || *ath != *expected)
    return Error{ErrorCode::dpop_ath_mismatch,
                 "DPoP proof ath " + quote_for_message(*ath) + " is not the hash of the access token presented with it"};
  return {};
}

}  // namespace jwtcheck::detail
