// Every check of one token, in order: split, header, alg, signature, claims, policy. Written
// once for both paths; the Sink decides whether the first failure stops it (verify) or every
// check is recorded (check). Lives on the stack of one call (a few hundred bytes: the decoded
// token itself is in a TokenScratch block, verify/token_scratch.hpp); holds the decoded token so
// a VerifiedToken can be built from it.
#pragma once

#include <jwtcheck/verifier.hpp>

#include "token/compact_jws.hpp"
#include "token/jose_header.hpp"
#include "token/scanned_segment.hpp"
#include "verify/claim_checks.hpp"
#include "verify/key_selection.hpp"
#include "verify/scope_list.hpp"
#include "small_vector.hpp"
#include "verify/token_scratch.hpp"
#include "verify/verified_data.hpp"
#include "verify/verifier_state.hpp"

#include <optional>
#include <string_view>

namespace jwtcheck::detail {

template <class Sink>
class TokenChecks {
 public:
  /// Throws std::bad_alloc only when this thread's first check cannot allocate its scratch block.
  TokenChecks(const VerifierState& state, Sink& sink) : state_(state), sink_(sink) {}
  TokenChecks(const TokenChecks&) = delete;
  TokenChecks& operator=(const TokenChecks&) = delete;

  /// Runs every step the sink lets run. True when every check passed.
  bool run(std::string_view token);

  bool header_decoded() const noexcept { return header_ok_; }
  bool claims_decoded() const noexcept { return claims_ok_; }
  std::string_view header_text() const noexcept { return header_.text.view(); }
  std::string_view claims_text() const noexcept { return claims_.text.view(); }
  const JoseHeader& header() const noexcept { return jose_; }
  const Key* key() const noexcept { return key_; }
  const ScopeList& scopes() const noexcept { return scopes_; }
  /// After a successful run(): what a VerifiedToken is made of (views into this object).
  VerifiedParts verified_parts();

 private:
  bool decode_header(const CompactJws& parts);
  bool check_signature(const CompactJws& parts);
  Result<void> use_key_set();
  bool decode_claims(const CompactJws& parts);
  bool check_claims();

  const VerifierState& state_;
  Sink& sink_;
  TokenScratchLease scratch_;
  HeaderSegment& header_ = scratch_->header;
  ClaimsSegment& claims_ = scratch_->claims;
  JoseHeader jose_;
  bool header_ok_ = false;
  bool claims_ok_ = false;
  std::optional<Alg> alg_;
  KeySetInUse keys_;
  const Key* key_ = nullptr;
  CheckedClaims checked_;
  ScopeList& scopes_ = scratch_->scopes;
  SmallVector<std::string_view, 8>& audiences_ = scratch_->audiences;
};

}  // namespace jwtcheck::detail
