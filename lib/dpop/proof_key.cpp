#include "dpop/proof_key.hpp"

#include "dpop/proof_key_cache.hpp"
#include "json/message_quote.hpp"
#include "keys/key_data.hpp"
#include "keys/key_usage.hpp"
#include "verify/jws_alg.hpp"
#include "verify/signature_bytes.hpp"

#include <string>

namespace jwtcheck::detail {

namespace {

Error key_invalid(std::string message) { return Error{ErrorCode::dpop_key_invalid, "DPoP proof jwk: " + std::move(message)}; }

std::string describe(const Key& key) {
  static constexpr std::string_view kTypes[] = {"RSA", "EC", "OKP", "oct"};
  std::string out(kTypes[static_cast<int>(key.type())]);
  if (!key.curve().empty()) out += " " + std::string(key.curve());
  return out;
}

// The checks and the import, without the cache.
Result<std::shared_ptr<const ProofKey>> import_proof_key(Alg alg, std::string_view jwk_text, const Limits& limits,
                                                         const OpensslAlgorithms& algorithms) {
  // Parsed again by parse_jwk: private members ("d", "k"…), "oct" keys, weak RSA keys and
  // unknown key types are refused there.
  auto key = parse_jwk(jwk_text, limits);
  if (!key) return key_invalid(std::string(code_name(key.error().code)) + ": " + key.error().message);
  if (!key_type_fits(key_data(*key), alg))
    return Error{ErrorCode::dpop_alg_not_allowed, "DPoP proof alg " + std::string(alg_name(alg)) +
                                                      " does not fit its jwk, a " + describe(*key) + " key"};
  if (!key->can_verify(alg))
    return key_invalid("the key's \"alg\", \"use\" or \"key_ops\" do not allow verifying " + std::string(alg_name(alg)));
  auto verifier = KeyVerifier::create(key_data(*key), alg, algorithms);
  if (!verifier)
    return key_invalid("the configured OpenSSL providers cannot verify " + std::string(alg_name(alg)) + " with it");
  return std::make_shared<const ProofKey>(ProofKey{alg, std::move(*key), std::move(*verifier)});
}

}  // namespace

Result<std::shared_ptr<const ProofKey>> proof_key(const ProofSegments& proof, const AlgSet& allowed, const Limits& limits,
                                                  const OpensslAlgorithms& algorithms, ProofKeyCache& cache) {
  auto alg = allowed_alg(proof.jose.alg, allowed);
  if (!alg) return Error{ErrorCode::dpop_alg_not_allowed, "DPoP proof " + alg.error().message};

  const ScannedValue* jwk = proof.header.scan.slot(kProofJwkSlot);
  if (jwk == nullptr) return key_invalid("the header has no \"jwk\" (the public key the proof is signed with)");
  if (jwk->kind != JsonKind::object) return key_invalid("\"jwk\" must be a JSON object, got " + quote_for_message(jwk->raw()));
  if (auto cached = cache.find(*alg, jwk->raw())) return cached;
  auto imported = import_proof_key(*alg, jwk->raw(), limits, algorithms);
  if (imported) cache.insert(*alg, jwk->raw(), *imported);
  return imported;
}

Result<void> check_proof_signature(const ProofSegments& proof, const ProofKey& key) {
  SignatureBuffer buffer;
  auto signature = decode_signature(proof.parts.signature_b64, buffer);
  if (!signature) {
    const ErrorCode code =
        signature.error().code == ErrorCode::bad_signature ? ErrorCode::dpop_bad_signature : ErrorCode::dpop_proof_malformed;
    return Error{code, "DPoP proof signature: " + signature.error().message};
  }
  if (!key.verifier.verify(proof.parts.signing_input, *signature))
    return Error{ErrorCode::dpop_bad_signature,
                 "DPoP proof: the " + std::string(alg_name(key.alg)) + " signature does not verify with the proof's own jwk"};
  return {};
}

}  // namespace jwtcheck::detail
