// jwtcheck — DPoP proofs (RFC 9449): checking that the client presenting a bound access token
// holds its private key.
//
// A resource server, per request, after Verifier::verify accepted the access token:
//
//   auto jkt = jwtcheck::dpop_bound_key(token);            // the token's "cnf"."jkt", if any
//   if (!jkt) return refuse(jkt.error());
//   auto must_verify = jwtcheck::check_dpop_binding(mode, jkt->has_value(), !dpop_header.empty());
//   if (!must_verify) return refuse(must_verify.error());
//   if (*must_verify) {
//     auto proof = dpop.verify({access_token, dpop_header, method, url, nonce}, **jkt);
//     if (!proof) return refuse(proof.error());
//   }
#pragma once

#include <jwtcheck/export.hpp>

#include <jwtcheck/alg.hpp>
#include <jwtcheck/binding_mode.hpp>
#include <jwtcheck/error.hpp>
#include <jwtcheck/verifier.hpp>
#include <jwtcheck/verifier_options.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jwtcheck {

// BindingMode (jwtcheck/binding_mode.hpp) for DPoP: under off a DPoP-bound token (cnf.jkt) is
// refused with dpop_disabled and a DPoP header is ignored; under required an unbound token is
// refused with dpop_binding_required; a bound token without its proof is dpop_proof_missing.

/// What a DpopVerifier accepts. Checked by DpopVerifier::create.
struct DpopOptions {
  /// The proof algorithms accepted; empty (the default): every asymmetric one jwtcheck knows.
  /// HS* and "none" are never accepted (create fails with invalid_policy if HS* is listed).
  std::vector<Alg> algorithms;
  /// A proof's iat must lie within now ± (iat_window + leeway). Also how long a jti is remembered.
  std::chrono::seconds iat_window{300};
  /// Clock skew tolerated on top of iat_window.
  std::chrono::seconds leeway{30};
  /// A longer proof is refused (dpop_proof_malformed) before anything is decoded.
  std::size_t max_proof_bytes = 8192;
  /// Accepted proofs remembered to refuse replays. The cache never holds more (about 200 bytes
  /// each: ~20 MB at the default) and never forgets an entry before it expires (iat + iat_window
  /// + leeway): when full of live entries new proofs are refused, retryably
  /// (dpop_replay_cache_full), so a flood of proofs cannot flush it to allow a replay.
  std::size_t replay_cache_entries = 100000;
  /// Proof keys kept imported and prepared to verify, the least recently used dropped first; 0:
  /// none (every proof's jwk is imported afresh). A client signs all its proofs with one key, so a
  /// kept key saves the import, its checks and the verify set-up: on ES256 a proof then costs
  /// about one signature verify instead of 1.6 (docs/performance.md). A kept key is what a fresh
  /// import of the same jwk text would give, so this never changes a verdict. Each entry holds the
  /// jwk text and the OpenSSL key with its prepared context: about 3.5 KB for a P-256 or an
  /// RSA-2048 key (measured), so about 4 MB at the default.
  std::size_t key_cache_entries = 1024;
  /// Seconds since the Unix epoch; empty (the default): system_clock_now. Must not throw.
  Clock clock;
  /// When true every proof must carry the server's nonce: a request whose DpopRequest::nonce is
  /// empty is refused with dpop_nonce_mismatch (answer it with a use_dpop_nonce error and a
  /// DPoP-Nonce header, RFC 9449 §8).
  bool require_nonce = false;
  /// The OpenSSL library context the proof's signature scheme and SHA-256 (for ath) are fetched
  /// from; null: OpenSSL's default context. The caller keeps it alive as long as the DpopVerifier.
  ossl_lib_ctx_st* openssl_libctx = nullptr;
  /// The property query used for those fetches (for example "fips=yes"); empty: none.
  /// DpopVerifier::create fails with invalid_policy when no loaded provider satisfies it.
  std::string openssl_properties;
};

/// One HTTP request as the server received it. Views: they must outlive the verify call.
struct DpopRequest {
  /// The access token presented with the request (after "DPoP "); empty at a token endpoint,
  /// where no ath is checked.
  std::string_view access_token;
  /// The DPoP header's value; empty when the request had none (dpop_proof_missing).
  std::string_view proof;
  /// The HTTP method, compared exactly with htm ("POST").
  std::string_view method;
  /// The full request URL (scheme, host, path) as the client addressed it; its query and
  /// fragment are ignored, and it is compared with htu after RFC 3986 §6.2.2 / §6.2.3
  /// normalisation (scheme and host case, default port, percent-encoding, dot segments).
  std::string_view url;
  /// The nonce the server gave the client (DPoP-Nonce); empty when none is expected.
  std::string_view nonce;
};

/// What a verified proof said.
struct DpopProof {
  std::string jkt;          ///< RFC 7638 thumbprint of the proof's public key
  std::string jti;          ///< the proof's unique id
  std::int64_t iat = 0;     ///< when the client made it (seconds since the Unix epoch, truncated)
  std::string htm;          ///< the HTTP method it was made for
  std::string htu;          ///< the URL it was made for, as sent
  std::string alg;          ///< the proof's JWS alg
};

/// Verifies DPoP proofs and remembers their jti to refuse replays. Create one per server and
/// share it: verify() is thread-safe (the replay cache is the only shared state, behind a lock).
/// Copies share the same replay cache.
class JWTCHECK_API DpopVerifier {
 public:
  /// Fails with invalid_policy for a negative iat_window or leeway, a zero max_proof_bytes or
  /// replay_cache_entries, an HS* algorithm, or an OpenSSL context and property query under which
  /// an allowed algorithm or SHA-256 cannot be fetched.
  static Result<DpopVerifier> create(DpopOptions options = {});

  /// Checks `request.proof` (RFC 9449 §4.3): a compact JWS no longer than max_proof_bytes, typ
  /// "dpop+jwt", an allowed asymmetric alg fitting the public jwk in its header, a valid
  /// signature by that key, htm and htu matching the request, iat within the window, the nonce
  /// when one is expected, ath when an access token is presented, and the key's thumbprint equal
  /// to `expected_jkt` (the access token's cnf.jkt, see dpop_bound_key) — required whenever an
  /// access token is presented, optional (empty: not checked) at a token endpoint. Only then is
  /// its jti recorded: a second use within the window is dpop_jti_replayed. Every failure has
  /// its own dpop_* ErrorCode. Thread-safe; never throws (out_of_memory when an allocation
  /// fails, keys_unavailable when the clock throws).
  Result<DpopProof> verify(const DpopRequest& request, std::string_view expected_jkt) const noexcept;

  /// The options in use, the clock defaulted (never empty).
  const DpopOptions& options() const noexcept;

  /// Opaque: the checked options and the replay cache, defined and used only inside the library.
  struct Impl;

 private:
  explicit DpopVerifier(std::shared_ptr<Impl> state) noexcept : state_(std::move(state)) {}
  std::shared_ptr<Impl> state_;
};

/// The access token's "cnf"."jkt" (RFC 9449 §6.1): the thumbprint of the key it is bound to, or
/// nullopt when it has no "cnf" claim or its "cnf" has no "jkt" (a bearer token). Fails with
/// invalid_claim when "cnf" is not an object or "jkt" is not a non-empty string.
JWTCHECK_API Result<std::optional<std::string>> dpop_bound_key(const VerifiedToken& token);

/// What a request needs under `mode`: true when the DPoP proof must be verified
/// (DpopVerifier::verify with the token's jkt), false when the token is a plain bearer token and
/// any DPoP header is ignored. Errors: dpop_proof_missing (a bound token without a proof, in
/// every mode), dpop_binding_required (an unbound token under required), dpop_disabled (a
/// bound token under off).
JWTCHECK_API Result<bool> check_dpop_binding(BindingMode mode, bool token_is_bound, bool proof_present);

}  // namespace jwtcheck
