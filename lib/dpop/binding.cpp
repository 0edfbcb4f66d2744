// Which tokens need a DPoP proof (RFC 9449 §7.1), and the key a token is bound to (§6.1).
#include <jwtcheck/dpop.hpp>

#include <string>

namespace jwtcheck {

std::string_view binding_mode_name(BindingMode mode) noexcept {
  switch (mode) {
    case BindingMode::off: return "off";
    case BindingMode::allowed: return "allowed";
    case BindingMode::required: return "required";
  }
  return "allowed";
}

std::optional<BindingMode> binding_mode_from_name(std::string_view name) noexcept {
  for (const BindingMode mode : {BindingMode::off, BindingMode::allowed, BindingMode::required}) {
    if (name == binding_mode_name(mode)) return mode;
  }
  return std::nullopt;
}

Result<std::optional<std::string>> dpop_bound_key(const VerifiedToken& token) {
  auto cnf = token.claim_kind("cnf");
  if (!cnf) return std::move(cnf).error();
  if (*cnf == ClaimKind::missing) return std::optional<std::string>();
  if (*cnf != ClaimKind::object) return Error{ErrorCode::invalid_claim, "cnf: must be a JSON object"};
  auto jkt = token.claim_string(ClaimPath::pointer("/cnf/jkt"));
  if (!jkt) {
    if (jkt.error().code == ErrorCode::missing_claim) return std::optional<std::string>();  // bound some other way
    return Error{ErrorCode::invalid_claim, "cnf.jkt: must be a string"};
  }
  if (jkt->empty()) return Error{ErrorCode::invalid_claim, "cnf.jkt: must not be empty"};
  return std::optional<std::string>(std::string(*jkt));
}

Result<bool> check_dpop_binding(BindingMode mode, bool token_is_bound, bool proof_present) {
  if (token_is_bound) {
    // A bound token is never a bearer token, whatever the mode.
    if (!proof_present)
      return Error{ErrorCode::dpop_proof_missing, "the access token is DPoP-bound (cnf.jkt) and the request has no DPoP proof"};
    if (mode == BindingMode::off)
      return Error{ErrorCode::dpop_disabled, "the access token is DPoP-bound (cnf.jkt) and DPoP is off here"};
    return true;
  }
  if (mode == BindingMode::required)
    return Error{ErrorCode::dpop_binding_required, "the access token is not DPoP-bound (no cnf.jkt) and DPoP is required"};
  return false;  // a bearer token: any DPoP header is ignored
}

}  // namespace jwtcheck
