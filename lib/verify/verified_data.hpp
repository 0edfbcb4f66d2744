// The inside of a VerifiedToken: one heap block holding this struct, the audience and scope
// arrays, and every byte the views point at (the claims text, a parsed copy when the claims have
// escapes, the header text, the kid): one allocation per verified token; trivially destructible,
// so nothing runs on release.
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/scopes.hpp>
#include <jwtcheck/verifier.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace jwtcheck {

// VerifiedToken::Impl is the opaque type the public header declares; inside the library it is
// known as detail::VerifiedData.
struct VerifiedToken::Impl {
  Alg alg = Alg::RS256;
  std::string_view kid;
  std::string_view issuer;
  std::string_view subject;
  std::string_view client_id;
  std::span<const std::string_view> audiences;
  std::span<const Scope> scopes;
  std::optional<std::int64_t> expires_at;  ///< whole seconds, rounded down
  std::optional<std::int64_t> issued_at;
  std::optional<std::int64_t> not_before;
  std::optional<double> exact_exp, exact_iat, exact_nbf;  ///< as sent, for re-running time checks
  std::string_view claims_json;  ///< the decoded claims, as sent
  /// claims_json's parsed twin (json/json_pointer.hpp): claims_json itself when it has no
  /// escapes, else its in-place parsed copy, where custom claims' unescaped strings are read.
  std::string_view parsed_claims;
  std::string_view header_json;  ///< the decoded header, as sent

  // The library's way to make a VerifiedToken, whose constructor is private.
  static VerifiedToken wrap(std::shared_ptr<const Impl> data) noexcept { return VerifiedToken(std::move(data)); }
};

namespace detail {

using VerifiedData = VerifiedToken::Impl;

/// The pieces a VerifiedData is copied from. Every view in `claims` (issuer, subject, client_id,
/// audiences, scope names) points into `parsed_claims`; `kid` may point anywhere.
struct VerifiedParts {
  Alg alg;
  std::string_view kid;
  std::string_view header_json;
  std::string_view claims_json;
  std::string_view parsed_claims;  ///< where the claim strings point: claims_json itself, or its in-place parsed copy
  std::string_view issuer, subject, client_id;
  std::span<const std::string_view> audiences;
  std::span<const Scope> scopes;
  std::optional<double> exp, iat, nbf;
};

/// Copies `parts` into one new block and re-points every view into it.
std::shared_ptr<const VerifiedData> make_verified_data(const VerifiedParts& parts);

}  // namespace detail

}  // namespace jwtcheck
