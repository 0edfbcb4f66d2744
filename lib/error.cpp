#include <jwtcheck/error.hpp>

namespace jwtcheck {

std::string_view code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::token_too_large: return "token_too_large";
    case ErrorCode::malformed_token: return "malformed_token";
    case ErrorCode::encrypted_token: return "encrypted_token";
    case ErrorCode::invalid_json: return "invalid_json";
    case ErrorCode::json_too_deep: return "json_too_deep";
    case ErrorCode::duplicate_member: return "duplicate_member";
    case ErrorCode::invalid_header: return "invalid_header";
    case ErrorCode::unknown_crit: return "unknown_crit";
    case ErrorCode::alg_not_allowed: return "alg_not_allowed";
    case ErrorCode::key_not_found: return "key_not_found";
    case ErrorCode::key_mismatch: return "key_mismatch";
    case ErrorCode::bad_signature: return "bad_signature";
    case ErrorCode::invalid_key: return "invalid_key";
    case ErrorCode::unsupported_key: return "unsupported_key";
    case ErrorCode::weak_key: return "weak_key";
    case ErrorCode::invalid_jwks: return "invalid_jwks";
    case ErrorCode::too_many_keys: return "too_many_keys";
    case ErrorCode::missing_claim: return "missing_claim";
    case ErrorCode::invalid_claim: return "invalid_claim";
    case ErrorCode::expired: return "expired";
    case ErrorCode::not_yet_valid: return "not_yet_valid";
    case ErrorCode::issued_in_future: return "issued_in_future";
    case ErrorCode::token_too_old: return "token_too_old";
    case ErrorCode::issuer_mismatch: return "issuer_mismatch";
    case ErrorCode::audience_mismatch: return "audience_mismatch";
    case ErrorCode::subject_mismatch: return "subject_mismatch";
    case ErrorCode::azp_mismatch: return "azp_mismatch";
    case ErrorCode::gty_mismatch: return "gty_mismatch";
    case ErrorCode::typ_mismatch: return "typ_mismatch";
    case ErrorCode::missing_scope: return "missing_scope";
    case ErrorCode::insecure_url: return "insecure_url";
    case ErrorCode::invalid_url: return "invalid_url";
    case ErrorCode::dns_failed: return "dns_failed";
    case ErrorCode::connect_failed: return "connect_failed";
    case ErrorCode::tls_failed: return "tls_failed";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::cancelled: return "cancelled";
    case ErrorCode::deadline_exceeded: return "deadline_exceeded";
    case ErrorCode::http_status: return "http_status";
    case ErrorCode::body_too_large: return "body_too_large";
    case ErrorCode::invalid_response: return "invalid_response";
    case ErrorCode::oauth_error: return "oauth_error";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::opaque_token: return "opaque_token";
    case ErrorCode::keys_unavailable: return "keys_unavailable";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::invalid_policy: return "invalid_policy";
    case ErrorCode::out_of_memory: return "out_of_memory";
    case ErrorCode::claim_mismatch: return "claim_mismatch";
    case ErrorCode::invalid_claim_pointer: return "invalid_claim_pointer";
    case ErrorCode::dpop_proof_missing: return "dpop_proof_missing";
    case ErrorCode::dpop_proof_malformed: return "dpop_proof_malformed";
    case ErrorCode::dpop_typ_mismatch: return "dpop_typ_mismatch";
    case ErrorCode::dpop_alg_not_allowed: return "dpop_alg_not_allowed";
    case ErrorCode::dpop_key_invalid: return "dpop_key_invalid";
    case ErrorCode::dpop_bad_signature: return "dpop_bad_signature";
    case ErrorCode::dpop_htm_mismatch: return "dpop_htm_mismatch";
    case ErrorCode::dpop_htu_mismatch: return "dpop_htu_mismatch";
    case ErrorCode::dpop_iat_invalid: return "dpop_iat_invalid";
    case ErrorCode::dpop_ath_mismatch: return "dpop_ath_mismatch";
    case ErrorCode::dpop_jti_replayed: return "dpop_jti_replayed";
    case ErrorCode::dpop_key_mismatch: return "dpop_key_mismatch";
    case ErrorCode::dpop_nonce_mismatch: return "dpop_nonce_mismatch";
    case ErrorCode::dpop_replay_cache_full: return "dpop_replay_cache_full";
    case ErrorCode::dpop_binding_required: return "dpop_binding_required";
    case ErrorCode::dpop_disabled: return "dpop_disabled";
    case ErrorCode::mtls_certificate_missing: return "mtls_certificate_missing";
    case ErrorCode::mtls_certificate_malformed: return "mtls_certificate_malformed";
    case ErrorCode::mtls_thumbprint_mismatch: return "mtls_thumbprint_mismatch";
    case ErrorCode::mtls_cnf_malformed: return "mtls_cnf_malformed";
    case ErrorCode::mtls_bound_token_without_certificate: return "mtls_bound_token_without_certificate";
    case ErrorCode::mtls_binding_required: return "mtls_binding_required";
    case ErrorCode::mtls_disabled: return "mtls_disabled";
    case ErrorCode::unknown_issuer: return "unknown_issuer";
  }
  return "unknown";
}

}  // namespace jwtcheck
