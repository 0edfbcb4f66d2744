// The inside of a VerifiedToken: one heap block holding this struct, the audience and scope
// arrays, and every byte the views point at (the claims text, a parsed copy when the claims have
// escapes, the header text, the kid). One block per verified token, from the thread's recycled
// blocks (verify/recycled_blocks.hpp) when one is free; trivially destructible, so nothing runs
// on release.
#pragma once

#include <jwtcheck/alg.hpp>
#include <jwtcheck/scopes.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace jwtcheck::detail {

struct VerifiedData {
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
  std::string_view header_json;  ///< the decoded header, as sent
  std::size_t block_size = 0;    ///< bytes of the block, from this struct on; every view points inside it
  const VerifiedData* self = nullptr;  ///< where the block was made: a struct copied elsewhere has a stale one
};

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

/// A copy of `data`'s whole block, every view re-pointed into the copy. A cache hit hands out a
/// copy, not the cached block: sharing it would make every thread that hits the same token
/// count references on one cache line.
/// `data` must be a whole block (is_whole_block).
std::shared_ptr<const VerifiedData> copy_verified_data(const VerifiedData& data);

/// True for a VerifiedData that make_verified_data or copy_verified_data made, where it lies in
/// its own block; false for one built or copied any other way (whose views point elsewhere).
bool is_whole_block(const VerifiedData& data) noexcept;

}  // namespace jwtcheck::detail
