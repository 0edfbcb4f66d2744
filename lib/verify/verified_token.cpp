// VerifiedToken: read-only views into its VerifiedData block.
#include <jwtcheck/verifier.hpp>

#include "json/json_pointer.hpp"
#include "json/message_quote.hpp"
#include "json/value_excerpt.hpp"
#include "verify/verified_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

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

namespace jwtcheck {

namespace {

Error missing(ClaimPath claim) {
  return Error{ErrorCode::missing_claim, detail::quote_for_message(claim.text()) + ": missing"};
}

Error wrong_type(ClaimPath claim, std::string_view expected, std::string_view raw) {
  return Error{ErrorCode::invalid_claim,
               detail::quote_for_message(claim.text()) + ": expected " + std::string(expected) + ", got " +
                   detail::value_excerpt(raw)};
}

// The raw value of `claim`, or the Error (missing, bad pointer).
Result<std::string_view> raw_claim(const detail::VerifiedData& data, ClaimPath claim) {
  auto found = detail::find_claim(detail::ValidatedJson{data.claims_json, data.parsed_claims.data()}, claim);
  if (!found) return std::move(found).error();
  if (!*found) return missing(claim);
  return **found;
}

}  // namespace

Result<ClaimKind> VerifiedToken::claim_kind(ClaimPath claim) const {
  auto found = detail::find_claim(detail::ValidatedJson{data_->claims_json, data_->parsed_claims.data()}, claim);
  if (!found) return std::move(found).error();
  return *found ? detail::kind_of_raw(**found) : ClaimKind::missing;
}

Result<std::string_view> VerifiedToken::claim_string(ClaimPath claim) const {
  auto raw = raw_claim(*data_, claim);
  if (!raw) return raw;
  if (detail::kind_of_raw(*raw) != ClaimKind::string) return wrong_type(claim, "a string", *raw);
  const auto text = detail::unescaped(detail::ValidatedJson{data_->claims_json, data_->parsed_claims.data()}, *raw);
  if (!text) return Error{ErrorCode::invalid_claim, detail::quote_for_message(claim.text()) + ": unreadable string"};
  return *text;
}

Result<std::int64_t> VerifiedToken::claim_int(ClaimPath claim) const {
  auto raw = raw_claim(*data_, claim);
  if (!raw) return std::move(raw).error();
  if (detail::kind_of_raw(*raw) != ClaimKind::number) return wrong_type(claim, "an integer", *raw);
  std::int64_t value = 0;
  const char* end = raw->data() + raw->size();
  if (auto [p, ec] = std::from_chars(raw->data(), end, value); ec == std::errc{} && p == end) return value;
  // 7.0 or 7e2: integral values written another way; 2^63 itself does not fit.
  double d = 0;
  if (auto [p, ec] = std::from_chars(raw->data(), end, d); ec == std::errc{} && p == end && std::isfinite(d) &&
                                                            d == std::trunc(d) && d >= -9223372036854775808.0 &&
                                                            d < 9223372036854775808.0)
    return static_cast<std::int64_t>(d);
  return wrong_type(claim, "an integer in the int64 range", *raw);
}

Result<double> VerifiedToken::claim_number(ClaimPath claim) const {
  auto raw = raw_claim(*data_, claim);
  if (!raw) return std::move(raw).error();
  if (detail::kind_of_raw(*raw) != ClaimKind::number) return wrong_type(claim, "a number", *raw);
  double value = 0;
  const char* end = raw->data() + raw->size();
  if (auto [p, ec] = std::from_chars(raw->data(), end, value); ec == std::errc{} && p == end) return value;
  return wrong_type(claim, "a number in the range of a double", *raw);
}

Result<bool> VerifiedToken::claim_bool(ClaimPath claim) const {
  auto raw = raw_claim(*data_, claim);
  if (!raw) return std::move(raw).error();
  if (detail::kind_of_raw(*raw) != ClaimKind::boolean) return wrong_type(claim, "true or false", *raw);
  return raw->front() == 't';
}

Result<std::vector<std::string_view>> VerifiedToken::claim_strings(ClaimPath claim) const {
  auto raw = raw_claim(*data_, claim);
  if (!raw) return std::move(raw).error();
  if (detail::kind_of_raw(*raw) != ClaimKind::array) return wrong_type(claim, "an array of strings", *raw);
  const detail::ValidatedJson doc{data_->claims_json, data_->parsed_claims.data()};
  std::vector<std::string_view> strings;
  bool all_strings = true;
  detail::for_each_element(*raw, [&](std::string_view element) {
    const auto text = detail::kind_of_raw(element) == ClaimKind::string ? detail::unescaped(doc, element) : std::nullopt;
    if (!text) return all_strings = false;
    strings.push_back(*text);
    return true;
  });
  if (!all_strings) return wrong_type(claim, "an array of strings", *raw);
  return strings;
}

Result<std::string_view> VerifiedToken::claim_json(ClaimPath claim) const { return raw_claim(*data_, claim); }

}  // namespace jwtcheck
