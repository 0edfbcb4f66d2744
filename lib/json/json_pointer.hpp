// Finding one value in JSON text that was already read and validated (a verified token's
// claims): by top-level member name or by RFC 6901 JSON pointer, with no document built and
// nothing allocated. Strings are read through the text's "parsed twin": the same bytes parsed
// in place, where every string's unescaped content starts at the offset of its raw content
// (RapidJSON's in-situ parse), or the text itself when it has no escapes.
#pragma once

#include <jwtcheck/claims.hpp>
#include <jwtcheck/error.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace jwtcheck::detail {

/// Valid JSON text and its parsed twin (same size; equal to `text` when it has no escapes).
struct ValidatedJson {
  std::string_view text;
  const char* parsed = nullptr;
};

/// A JSON pointer split into reference tokens, still escaped (~0, ~1), viewing the pointer text.
class PointerTokens {
 public:
  std::size_t size() const noexcept { return count_; }
  std::string_view operator[](std::size_t i) const noexcept { return tokens_[i]; }

 private:
  friend Result<PointerTokens> split_pointer(std::string_view pointer);
  std::string_view tokens_[kMaxClaimPointerDepth];
  std::size_t count_ = 0;
};

/// Splits an RFC 6901 pointer. Errors: invalid_claim_pointer (not "" and not starting with '/',
/// '~' not followed by 0 or 1, longer than kMaxClaimPointerBytes, more than kMaxClaimPointerDepth tokens).
Result<PointerTokens> split_pointer(std::string_view pointer);

/// Whether the escaped pointer token `token` names the member `name` (unescaped).
bool pointer_token_names(std::string_view token, std::string_view name) noexcept;

/// The JSON type of the value that starts at raw[0].
ClaimKind kind_of_raw(std::string_view raw) noexcept;

/// The text of the value starting at offset `pos` of `text` (whitespace before it skipped).
std::string_view value_at(std::string_view text, std::size_t pos) noexcept;

/// The unescaped content of the string whose raw text (quotes included) is `raw`, a view into
/// doc.text: it points into doc.parsed. Empty optional if the twin does not hold it as expected.
std::optional<std::string_view> unescaped(ValidatedJson doc, std::string_view raw) noexcept;

/// Calls visit(name, value) for each member of the object `object` (a raw view into doc.text),
/// in order, with the name unescaped and the value raw; stops when visit returns false.
template <class Visit>
void for_each_member(ValidatedJson doc, std::string_view object, Visit&& visit);

/// The element `index` of the array `array` (raw), or an empty optional.
std::optional<std::string_view> array_element(std::string_view array, std::size_t index) noexcept;

/// Calls visit(value) for each element of the array `array` (raw); stops when visit returns false.
template <class Visit>
void for_each_element(std::string_view array, Visit&& visit);

/// Follows `tokens` from `start` (raw value): the value found, or an empty optional when a step
/// is missing (a member that is absent, an index out of range or not an index, a scalar).
std::optional<std::string_view> follow_pointer(ValidatedJson doc, std::string_view start, const PointerTokens& tokens,
                                               std::size_t first_token = 0);

/// Finds a claim by name or pointer in the claims object `doc`. Errors: invalid_claim_pointer.
/// An empty optional: the claim is absent.
Result<std::optional<std::string_view>> find_claim(ValidatedJson doc, ClaimPath path);

// --- implementation of the templates

namespace json_pointer_impl {
std::size_t skip_space(std::string_view text, std::size_t pos) noexcept;
/// The offset just past the value that starts at `pos`.
std::size_t skip_value(std::string_view text, std::size_t pos) noexcept;
}  // namespace json_pointer_impl

template <class Visit>
void for_each_member(ValidatedJson doc, std::string_view object, Visit&& visit) {
  using namespace json_pointer_impl;
  if (object.empty() || object.front() != '{') return;
  std::size_t pos = skip_space(object, 1);
  while (pos < object.size() && object[pos] == '"') {
    const std::size_t name_end = skip_value(object, pos);
    const std::string_view raw_name = object.substr(pos, name_end - pos);
    pos = skip_space(object, name_end);
    pos = skip_space(object, pos + 1);  // ':'
    const std::size_t value_end = skip_value(object, pos);
    const std::string_view value = object.substr(pos, value_end - pos);
    const auto name = unescaped(doc, raw_name);
    if (!name) return;
    if (!visit(*name, value)) return;
    pos = skip_space(object, value_end);
    if (pos >= object.size() || object[pos] != ',') return;
    pos = skip_space(object, pos + 1);
  }
}

template <class Visit>
void for_each_element(std::string_view array, Visit&& visit) {
  using namespace json_pointer_impl;
  if (array.empty() || array.front() != '[') return;
  std::size_t pos = skip_space(array, 1);
  while (pos < array.size() && array[pos] != ']') {
    const std::size_t end = skip_value(array, pos);
    if (!visit(array.substr(pos, end - pos))) return;
    pos = skip_space(array, end);
    if (pos >= array.size() || array[pos] != ',') return;
    pos = skip_space(array, pos + 1);
  }
}

}  // namespace jwtcheck::detail
