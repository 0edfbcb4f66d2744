// VerifiedToken: read-only views into its VerifiedData block.
#include <jwtcheck/verifier.hpp>

#include "verify/verified_data.hpp"

#include <algorithm>

namespace jwtcheck {

std::string_view VerifiedToken::alg() const noexcept { return alg_name(data_->alg); }
std::string_view VerifiedToken::kid() const noexcept { return data_->kid; }
std::string_view VerifiedToken::issuer() const noexcept { return data_->issuer; }
std::string_view VerifiedToken::subject() const noexcept { return data_->subject; }
std::string_view VerifiedToken::client_id() const noexcept { return data_->client_id; }
std::span<const std::string_view> VerifiedToken::audiences() const noexcept { return data_->audiences; }
std::optional<std::int64_t> VerifiedToken::expires_at() const noexcept { return data_->expires_at; }
std::optional<std::int64_t> VerifiedToken::issued_at() const noexcept { return data_->issued_at; }
std::optional<std::int64_t> VerifiedToken::not_before() const noexcept { return data_->not_before; }
std::span<const Scope> VerifiedToken::scopes() const noexcept { return data_->scopes; }
std::string_view VerifiedToken::claims_json() const noexcept { return data_->claims_json; }
std::string_view VerifiedToken::header_json() const noexcept { return data_->header_json; }

bool VerifiedToken::has_scope(std::string_view scope) const noexcept {
  const auto scopes = data_->scopes;
  return std::any_of(scopes.begin(), scopes.end(), [&](const Scope& s) { return s.name == scope; });
}

}  // namespace jwtcheck
