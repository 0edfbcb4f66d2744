// jwtcheck — making DPoP proofs (RFC 9449 §4), the client side of jwtcheck/dpop.hpp.
//
// A client that holds a DPoP-bound access token sends, with every request, the header
// "Authorization: DPoP <token>" and "DPoP: <proof>", a proof made for that request:
//
//   auto proof = jwtcheck::make_dpop_proof(key, {"GET", "https://api.example.com/reports", token});
//
// TokenClient makes the proof of its own token requests itself (TokenClientOptions::dpop_key).
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/error.hpp>
#include <jwtcheck/fetch/client_key.hpp>

#include <string>
#include <string_view>

namespace jwtcheck {

/// The request a proof is for.
struct DpopProofRequest {
  /// The HTTP method ("POST"), sent as htm.
  std::string_view method;
  /// The request URL; its query and fragment are left out of htu (RFC 9449 §4.2).
  std::string_view url;
  /// The access token sent with the request; its SHA-256 becomes ath. Empty (at a token
  /// endpoint): no ath.
  std::string_view access_token;
  /// The server's DPoP-Nonce, sent as nonce; empty: none.
  std::string_view nonce;
};

/// A fresh proof: header {"alg","typ":"dpop+jwt","jwk": key's public JWK} and claims
/// {"jti" (128 random bits), "htm", "htu", "iat" (now), "ath", "nonce"}, signed by `key`.
/// Errors: invalid_url (empty method or URL, or characters that do not belong in them),
/// invalid_key (signing failed).
JWTCHECK_API Result<std::string> make_dpop_proof(const ClientKey& key, const DpopProofRequest& request);

}  // namespace jwtcheck
