// DpopVerifier: RFC 9449 §4.3's checks of one proof, in order, each in its own module here;
// the jti is recorded only once everything else has passed.
#include <jwtcheck/dpop.hpp>

#include "crypto/openssl_algorithms.hpp"
#include "dpop/proof_claims.hpp"
#include "dpop/proof_key.hpp"
#include "dpop/proof_key_cache.hpp"
#include "dpop/proof_segments.hpp"
#include "dpop/replay_cache.hpp"
#include "json/message_quote.hpp"
#include "verify/alg_set.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>

namespace jwtcheck {

namespace {

Error invalid_policy(std::string message) { return Error{ErrorCode::invalid_policy, "DpopOptions: " + std::move(message)}; }

// `algorithms`, or every asymmetric one when it is empty.
detail::AlgSet allowed_algs(const std::vector<Alg>& algorithms) {
  detail::AlgSet set;
  for (Alg alg : algorithms) set.add(alg);
  return set.empty() ? detail::AlgSet::asymmetric() : set;
}

}  // namespace

// Made with only public types in its constructor's signature: Impl is nested in an exported
// class, so the make_shared instance that builds it is exported too (tests/hygiene).
struct DpopVerifier::Impl {
  DpopOptions options;          // checked, clock defaulted
  detail::AlgSet allowed;       // options.algorithms, or every asymmetric alg
  Limits limits;                // the proof: max_token_bytes = options.max_proof_bytes
  std::int64_t window = 0;      // iat_window + leeway, in seconds
  detail::ProofKeyCache proof_keys;  // the proof keys seen last, prepared to verify
  // Made at create from options.openssl_libctx / openssl_properties: the allowed algs' schemes
  // and digests (signatures), SHA-256 (ath, the replay cache), and the replay cache, salted from
  // that context's DRBG. (Not constructor arguments: Impl's constructor, exported with its
  // class, takes public types only.)
  std::shared_ptr<const detail::OpensslAlgorithms> algorithms;
  detail::MdPtr sha256;
  std::optional<detail::ReplayCache> replay;

  explicit Impl(DpopOptions checked)
      : options(std::move(checked)),
        allowed(allowed_algs(options.algorithms)),
        window(options.iat_window.count() + options.leeway.count()),
        proof_keys(options.key_cache_entries) {
    limits.max_token_bytes = options.max_proof_bytes;
  }
};

namespace {

Result<DpopProof> verify_proof(DpopVerifier::Impl& state, const DpopRequest& request, std::string_view expected_jkt);

}  // namespace

Result<DpopVerifier> DpopVerifier::create(DpopOptions options) {
  if (options.iat_window.count() < 0) return invalid_policy("iat_window is negative");
  if (options.leeway.count() < 0) return invalid_policy("leeway is negative");
  // Bounded so that now ± window never overflows.
  if (options.iat_window.count() > 86400 * 365 || options.leeway.count() > 86400 * 365)
    return invalid_policy("iat_window and leeway must each be at most a year");
  if (options.max_proof_bytes == 0) return invalid_policy("max_proof_bytes is 0");
  if (options.replay_cache_entries == 0) return invalid_policy("replay_cache_entries is 0: replays could not be refused");
  for (Alg alg : options.algorithms)
    if (is_hmac(alg))
      return invalid_policy(std::string(alg_name(alg)) + " is not a DPoP algorithm: a proof is signed with a private key");
  if (!options.clock) options.clock = system_clock_now;
  auto state = std::make_shared<Impl>(std::move(options));
  const DpopOptions& checked = state->options;
  auto algorithms = detail::OpensslAlgorithms::fetch(checked.openssl_libctx, checked.openssl_properties, state->allowed.algs());
  if (!algorithms) return std::move(algorithms).error();
  state->algorithms = std::move(*algorithms);
  state->sha256.reset(EVP_MD_fetch(checked.openssl_libctx, "SHA2-256", state->algorithms->properties()));
  if (!state->sha256) {
    ERR_clear_error();
    return invalid_policy("OpenSSL: no loaded provider offers SHA2-256 (needed for ath)" +
                          (checked.openssl_properties.empty()
                               ? std::string()
                               : " with property query " + detail::quote_for_message(checked.openssl_properties)));
  }
  try {
    state->replay.emplace(checked.replay_cache_entries, checked.openssl_libctx);
  } catch (const std::runtime_error&) {
    return invalid_policy("OpenSSL: the library context gives no random bytes (for the replay cache's salt)");
  }
  return DpopVerifier(std::move(state));
}

const DpopOptions& DpopVerifier::options() const noexcept { return state_->options; }

Result<DpopProof> DpopVerifier::verify(const DpopRequest& request, std::string_view expected_jkt) const noexcept {
  try {
    return verify_proof(*state_, request, expected_jkt);  // the replay and key caches change; the rest is read-only
  } catch (const std::bad_alloc&) {
    // Short messages: they fit std::string's inline buffer, so reporting allocates nothing.
    return Error{ErrorCode::out_of_memory, "out of memory"};
  } catch (...) {  // thrown by a user-supplied clock (the message fits inline too)
    return Error{ErrorCode::keys_unavailable, "clock threw"};
  }
}

namespace {

Result<DpopProof> verify_proof(DpopVerifier::Impl& state, const DpopRequest& request, std::string_view expected_jkt) {
  if (request.proof.empty()) return Error{ErrorCode::dpop_proof_missing, "the request has no DPoP proof"};
  if (request.proof.size() > state.limits.max_token_bytes)
    return Error{ErrorCode::dpop_proof_malformed, "DPoP proof is " + std::to_string(request.proof.size()) +
                                                      " bytes, the limit is " + std::to_string(state.limits.max_token_bytes)};

  // The JWS: decoded, typed, signed by the key it carries.
  auto proof = std::make_unique_for_overwrite<detail::ProofSegments>();  // its buffers need no zeroing
  if (auto r = detail::decode_proof(request.proof, state.limits, *proof); !r) return r.error();
  if (!proof->jose.has_typ || proof->jose.typ != "dpop+jwt")
    return Error{ErrorCode::dpop_typ_mismatch,
                 "DPoP proof typ must be \"dpop+jwt\", got " +
                     (proof->jose.has_typ ? detail::quote_for_message(proof->jose.typ) : std::string("none"))};
  auto key = detail::proof_key(*proof, state.allowed, state.limits, *state.algorithms, state.proof_keys);
  if (!key) return std::move(key).error();
  if (auto r = detail::check_proof_signature(*proof, **key); !r) return r.error();

  // The claims, against this request.
  const detail::ObjectScan& payload = proof->payload.scan;
  auto jti = detail::proof_jti(payload);
  if (!jti) return std::move(jti).error();
  if (auto r = detail::check_htm(payload, request.method); !r) return r.error();
  if (auto r = detail::check_htu(payload, request.url); !r) return r.error();
  const std::int64_t now = state.options.clock();
  auto iat = detail::check_iat(payload, now, state.window);
  if (!iat) return std::move(iat).error();
  if (auto r = detail::check_nonce(payload, request.nonce, state.options.require_nonce); !r) return r.error();

  // The binding: to the access token (ath) and to the key it names (cnf.jkt).
  if (!request.access_token.empty())
    if (auto r = detail::check_ath(payload, request.access_token, state.sha256.get()); !r) return r.error();
  const std::string_view jkt = (*key)->key.thumbprint();
  if (expected_jkt.empty() && !request.access_token.empty())
    return Error{ErrorCode::dpop_key_mismatch, "the access token is not bound to a key (no cnf.jkt): it is no DPoP token"};
  if (!expected_jkt.empty() && jkt != expected_jkt)
    return Error{ErrorCode::dpop_key_mismatch, "DPoP proof key " + std::string(jkt) +
                                                   " is not the key the access token is bound to (cnf.jkt " +
                                                   detail::quote_for_message(expected_jkt) + ")"};

  // Last, once everything else passed: each proof is used once. Kept until its iat leaves the window.
  switch (state.replay->record(jkt, *jti, *iat + state.window, now, state.sha256.get())) {
    case detail::ReplayCache::Outcome::recorded: break;
    case detail::ReplayCache::Outcome::replayed:
      return Error{ErrorCode::dpop_jti_replayed, "DPoP proof jti " + detail::quote_for_message(*jti) + " was already used"};
    case detail::ReplayCache::Outcome::full:
      return Error{ErrorCode::dpop_replay_cache_full,
                   "the DPoP replay cache holds " + std::to_string(state.options.replay_cache_entries) +
                       " live proofs: try again shortly",
                   true};
  }
  return DpopProof{std::string(jkt), std::string(*jti), *iat,
                   std::string(payload.slot(detail::kHtm)->string), std::string(payload.slot(detail::kHtu)->string),
                   std::string(alg_name((*key)->alg))};
}

}  // namespace

}  // namespace jwtcheck
