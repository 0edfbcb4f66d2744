#include "verify/verified_data.hpp"


#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>

namespace jwtcheck::detail {

namespace {

static_assert(std::is_trivially_destructible_v<VerifiedData>, "the block is released without running destructors");
static_assert(std::is_trivially_copyable_v<Scope>);

constexpr std::size_t align_up(std::size_t n, std::size_t a) noexcept { return (n + a - 1) / a * a; }

struct BlockLayout {
  std::size_t audiences, scopes, chars, total;
};

// Parsing in place unescapes strings where they stand and ends each with a NUL over its closing
// quote; without a backslash anywhere, every string's bytes sit at the same offset in the text
// as sent, so the views can point there and the parsed copy is not kept.
bool parsed_views_fit_text(const VerifiedParts& p) noexcept {
  return p.parsed_claims.data() == p.claims_json.data() ||  // plain JSON, read where it lies
         std::memchr(p.claims_json.data(), '\\', p.claims_json.size()) == nullptr;
}

BlockLayout layout_for(const VerifiedParts& p, bool keep_parsed) noexcept {
  BlockLayout l{};
  l.audiences = align_up(sizeof(VerifiedData), alignof(std::string_view));
  l.scopes = align_up(l.audiences + p.audiences.size() * sizeof(std::string_view), alignof(Scope));
  l.chars = l.scopes + p.scopes.size() * sizeof(Scope);
  l.total = l.chars + p.header_json.size() + p.claims_json.size() + (keep_parsed ? p.parsed_claims.size() : 0) +
            p.kid.size();
  return l;
}

// Appends bytes at `cursor` and returns a view of the copy.
std::string_view copy_text(char*& cursor, std::string_view text) noexcept {
  if (!text.empty()) std::memcpy(cursor, text.data(), text.size());
  std::string_view copy(cursor, text.size());
  cursor += text.size();
  return copy;
}

// NumericDates are never negative (verify/numeric_date.hpp), so truncating is rounding down,
// with no call to floor.
std::optional<std::int64_t> whole_seconds(std::optional<double> t) noexcept {
  if (!t) return std::nullopt;
  return static_cast<std::int64_t>(*t);
}

using Block = std::shared_ptr<std::max_align_t[]>;

Block new_block(std::size_t bytes) {
  const std::size_t units = (bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
  return std::make_shared_for_overwrite<std::max_align_t[]>(units);
}

}  // namespace

std::shared_ptr<const VerifiedData> make_verified_data(const VerifiedParts& p) {
  const bool keep_parsed = !parsed_views_fit_text(p);
  const BlockLayout l = layout_for(p, keep_parsed);
  Block block = new_block(l.total);
  auto* base = reinterpret_cast<char*>(block.get());
  auto* data = new (base) VerifiedData{};
  char* cursor = base + l.chars;
  data->header_json = copy_text(cursor, p.header_json);
  data->claims_json = copy_text(cursor, p.claims_json);
  const char* parsed = data->claims_json.data();
  if (keep_parsed) parsed = copy_text(cursor, p.parsed_claims).data();
  data->kid = copy_text(cursor, p.kid);
  data->parsed_claims = std::string_view(parsed, data->claims_json.size());
  // Views into the parsed claims keep their offset in the copy.
  auto rebase = [&](std::string_view v) {
    return v.data() ? std::string_view(parsed + (v.data() - p.parsed_claims.data()), v.size()) : std::string_view{};
  };
  auto* audiences = reinterpret_cast<std::string_view*>(base + l.audiences);
  for (std::size_t i = 0; i < p.audiences.size(); ++i) new (audiences + i) std::string_view(rebase(p.audiences[i]));
  auto* scopes = reinterpret_cast<Scope*>(base + l.scopes);
  for (std::size_t i = 0; i < p.scopes.size(); ++i) new (scopes + i) Scope{rebase(p.scopes[i].name), p.scopes[i].sources};
  data->alg = p.alg;
  data->issuer = rebase(p.issuer);
  data->subject = rebase(p.subject);
  data->client_id = rebase(p.client_id);
  data->audiences = {audiences, p.audiences.size()};
  data->scopes = {scopes, p.scopes.size()};
  data->expires_at = whole_seconds(p.exp);
  data->issued_at = whole_seconds(p.iat);
  data->not_before = whole_seconds(p.nbf);
  data->exact_exp = p.exp;
  data->exact_iat = p.iat;
  data->exact_nbf = p.nbf;
  return std::shared_ptr<const VerifiedData>(std::move(block), data);
}

}  // namespace jwtcheck::detail
