#include "verify/token_checks.hpp"

#include "json/message_quote.hpp"
#include "verify/check_json.hpp"
#include "verify/check_sinks.hpp"
#include "verify/claim_slots.hpp"
#include "verify/jws_alg.hpp"
#include "verify/signature_bytes.hpp"
#include "verify/typ_match.hpp"

#include <string>
#include <vector>

namespace jwtcheck::detail {

namespace {

std::string algs_json(const AlgSet& algs) {
  std::vector<std::string_view> names;
  for (Alg alg : algs.algs()) names.push_back(alg_name(alg));
  return json_strings(names);
}

}  // namespace

template <class Sink>
bool TokenChecks<Sink>::run(std::string_view token) {
  auto parts = split_compact_jws(token, state_.policy.limits);
  if (!parts) {
    sink_.fail("token", "a compact JWS (header.payload.signature)", std::move(parts).error());
    return false;
  }
  if (!decode_header(*parts)) return false;
  if (header_ok_ && !check_signature(*parts)) return false;
  if (!decode_claims(*parts)) return false;
  if (claims_ok_ && !check_claims()) return false;
  return !sink_.failed();
}

template <class Sink>
bool TokenChecks<Sink>::decode_header(const CompactJws& parts) {
  constexpr std::string_view kExpected = "a JSON object with a string \"alg\"";
  const Limits& limits = state_.policy.limits;
  if (auto decoded = decode_json_segment(parts.header_b64, "header", header_, limits, header_slot); !decoded)
    return sink_.fail("header", kExpected, decoded.error());
  auto jose = read_jose_header(header_.scan);
  if (!jose) return sink_.fail("header", kExpected, std::move(jose).error());
  jose_ = *jose;
  header_ok_ = true;
  // jwtcheck implements no JWS extension, so any critical one makes the token unusable (RFC 7515 §4.1.11).
  if (jose_.has_crit)
    return sink_.fail("crit", "no critical extensions",
                      Error{ErrorCode::unknown_crit,
                            "crit: extension " + quote_for_message(jose_.first_crit) + " is not supported"});
  // cty "JWT" makes the payload a nested JWT whose claims are the real ones (RFC 7519 §7.2 step 8);
  // jwtcheck does not unwrap nested tokens, and the outer payload must never pass for the claims.
  if (jose_.has_cty && typ_matches(jose_.cty, "JWT"))
    return sink_.fail("cty", "no nested token",
                      Error{ErrorCode::invalid_header, "header: cty " + quote_for_message(jose_.cty) +
                                                           " marks a nested JWT (RFC 7519 §5.2), which is not supported"});
  return true;
}

template <class Sink>
bool TokenChecks<Sink>::check_signature(const CompactJws& parts) {
  auto alg = allowed_alg(jose_.alg, state_.allowed);
  if (!alg) return sink_.fail("alg", state_.allowed.names(), std::move(alg).error(), algs_json(state_.allowed));
  alg_ = *alg;
  sink_.pass("alg", [&] {
    return CheckText{state_.allowed.names(), std::string(alg_name(*alg_)), "", algs_json(state_.allowed), {}};
  });
  auto signature = decode_signature(parts.signature_b64, scratch_->signature);
  if (!signature) return sink_.fail("signature", "a signature by a key in the key set", std::move(signature).error());
  if (auto keys = use_key_set(); !keys) return sink_.fail("signature", "a key set from the key source", keys.error());
  // One-key verify: the kid names nothing; the one key (it can verify the pinned alg) is tried.
  JoseHeader without_kid;
  if (state_.single_key) [[unlikely]] {
    without_kid = jose_;
    without_kid.has_kid = false;
  }
  auto key = verify_with_key_set(keys_, unknown_kid_refresh(state_), state_.single_key ? without_kid : jose_, *alg_,
                                 parts.signing_input, *signature);
  if (!key) return sink_.fail("signature", "a signature by a key in the key set", std::move(key).error());
  key_ = *key;
  sink_.pass("signature", [&] {
    return CheckText{"a signature by a key in the key set",
                     std::string(alg_name(*alg_)) + " with kid " + quote_for_message(key_->kid()) +
                         (key_->thumbprint().empty() ? "" : " (thumbprint " + std::string(key_->thumbprint()) + ")"),
                     "", {}, signing_key_json(alg_name(*alg_), key_->kid(), key_->thumbprint())};
  });
  return true;
}

template <class Sink>
Result<void> TokenChecks<Sink>::use_key_set() {
  if (state_.fixed_keys) {
    keys_.set = state_.fixed_keys.get();
    return {};
  }
  auto current = state_.source->current();
  if (!current) return std::move(current).error();
  if (!*current) return Error{ErrorCode::keys_unavailable, "keys: the key source returned no key set"};
  keys_.held = state_.memo->prepared(std::move(*current));
  keys_.set = keys_.held.get();
  return {};
}

template <class Sink>
bool TokenChecks<Sink>::decode_claims(const CompactJws& parts) {
  const Limits& limits = state_.policy.limits;
  if (auto decoded = decode_json_segment(parts.payload_b64, "claims", claims_, limits, claim_slot); !decoded)
    return sink_.fail("claims", "a JSON object", decoded.error());
  claims_ok_ = true;
  return true;
}

template <class Sink>
bool TokenChecks<Sink>::check_claims() {
  const ClaimSlots slots = locate_claims(claims_.scan);
  const ClaimCheckInput input{state_.policy, state_.options.clock(), slots, jose_};
  if (!jwtcheck::detail::check_claims(input, sink_, checked_, scopes_)) return false;
  return check_required_claims(state_.requirements, ValidatedJson{claims_.text.view(), claims_.parsed.data()}, sink_);
}

template <class Sink>
VerifiedParts TokenChecks<Sink>::verified_parts() {
  if (const ScannedValue* aud = checked_.aud) {
    if (aud->is_string()) audiences_.push_back(aud->string);
    else
      for (const std::string_view entry : aud->strings) audiences_.push_back(entry);
  }
  return VerifiedParts{*alg_,
                       jose_.has_kid ? jose_.kid : std::string_view{},
                       header_.text.view(),
                       claims_.text.view(),
                       claims_.parsed,
                       checked_.iss,
                       checked_.sub,
                       checked_.client_id,
                       audiences_.span(),
                       scopes_.scopes(),
                       checked_.exp,
                       checked_.iat,
                       checked_.nbf};
}

template class TokenChecks<FirstFailureSink>;
template class TokenChecks<ReportSink>;

}  // namespace jwtcheck::detail
