#include "json/json_pointer.hpp"

#include "json/message_quote.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace jwtcheck::detail {

namespace json_pointer_impl {

std::size_t skip_space(std::string_view text, std::size_t pos) noexcept {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
  return pos;
}

// The text is valid JSON, so a value ends at its closing quote or bracket, or (a number or a
// literal) at the first byte that cannot be part of it.
std::size_t skip_value(std::string_view text, std::size_t pos) noexcept {
  const std::size_t n = text.size();
  if (pos >= n) return n;
  const char c = text[pos];
  if (c == '"') {
    for (std::size_t i = pos + 1; i < n; ++i) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '"') return i + 1;
    }
    return n;
  }
  if (c == '{' || c == '[') {
    std::size_t depth = 0;
    for (std::size_t i = pos; i < n; ++i) {
      const char b = text[i];
      if (b == '"') {
        i = skip_value(text, i) - 1;
      } else if (b == '{' || b == '[') {
        ++depth;
      } else if (b == '}' || b == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return n;
  }
  std::size_t i = pos;
  while (i < n && text[i] != ',' && text[i] != '}' && text[i] != ']' && text[i] != ' ' && text[i] != '\t' &&
         text[i] != '\n' && text[i] != '\r')
    ++i;
  return i;
}

unsigned hex4(std::string_view s) noexcept {
  unsigned v = 0;
  for (const char c : s.substr(0, 4)) {
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
  }
  return v;
}

// The length of the unescaped form of a string's raw content (no quotes).
std::size_t unescaped_size(std::string_view content) noexcept {
  std::size_t size = 0;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] != '\\') {
      ++size;
      continue;
    }
    if (i + 1 < content.size() && content[i + 1] == 'u' && i + 6 <= content.size()) {
      const unsigned cp = hex4(content.substr(i + 2, 4));
      i += 5;
      if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < content.size() + 0 && content[i + 1] == '\\' && content[i + 2] == 'u') {
        size += 4;  // a surrogate pair: one 4-byte character
        i += 6;
      } else {
        size += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
      }
    } else {
      ++size;
      ++i;
    }
  }
  return size;
}

}  // namespace json_pointer_impl

using namespace json_pointer_impl;

Result<PointerTokens> split_pointer(std::string_view pointer) {
  auto bad = [&](std::string why) {
    return Error{ErrorCode::invalid_claim_pointer, "claim pointer " + quote_for_message(pointer) + ": " + why};
  };
  if (pointer.size() > kMaxClaimPointerBytes)
    return bad("longer than " + std::to_string(kMaxClaimPointerBytes) + " bytes");
  PointerTokens tokens;
  if (pointer.empty()) return tokens;
  if (pointer.front() != '/') return bad("a JSON pointer starts with '/' (RFC 6901)");
  std::size_t pos = 1;
  for (;;) {
    const std::size_t end = std::min(pointer.find('/', pos), pointer.size());
    const std::string_view token = pointer.substr(pos, end - pos);
    for (std::size_t i = 0; i < token.size(); ++i)
      if (token[i] == '~' && (i + 1 == token.size() || (token[i + 1] != '0' && token[i + 1] != '1')))
        return bad("'~' must be followed by 0 or 1 (RFC 6901)");
    if (tokens.count_ == kMaxClaimPointerDepth)
      return bad("more than " + std::to_string(kMaxClaimPointerDepth) + " reference tokens");
    tokens.tokens_[tokens.count_++] = token;
    if (end == pointer.size()) break;
    pos = end + 1;
  }
  return tokens;
}

bool pointer_token_names(std::string_view token, std::string_view name) noexcept {
  std::size_t j = 0;
  for (std::size_t i = 0; i < token.size(); ++i, ++j) {
    char c = token[i];
    if (c == '~') c = token[++i] == '0' ? '~' : '/';  // split_pointer made sure a digit follows
    if (j >= name.size() || name[j] != c) return false;
  }
  return j == name.size();
}

ClaimKind kind_of_raw(std::string_view raw) noexcept {
  if (raw.empty()) return ClaimKind::missing;
  switch (raw.front()) {
    case '"': return ClaimKind::string;
    case '{': return ClaimKind::object;
    case '[': return ClaimKind::array;
    case 't':
    case 'f': return ClaimKind::boolean;
    case 'n': return ClaimKind::null;
    default: return ClaimKind::number;
  }
}

std::string_view value_at(std::string_view text, std::size_t pos) noexcept {
  pos = skip_space(text, pos);
  return text.substr(pos, skip_value(text, pos) - pos);
}

std::optional<std::string_view> unescaped(ValidatedJson doc, std::string_view raw) noexcept {
  if (raw.size() < 2 || raw.front() != '"' || raw.data() < doc.text.data() ||
      raw.data() + raw.size() > doc.text.data() + doc.text.size())
    return std::nullopt;
  const std::string_view content = raw.substr(1, raw.size() - 2);
  const std::size_t offset = static_cast<std::size_t>(content.data() - doc.text.data());
  if (doc.parsed == doc.text.data() || content.find('\\') == std::string_view::npos)
    return std::string_view(doc.parsed + offset, content.size());
  // Parsed in place: the unescaped bytes start where the raw ones did, and a NUL follows them.
  const std::size_t size = unescaped_size(content);
  if (size >= content.size() || doc.parsed[offset + size] != '\0') return std::nullopt;
  return std::string_view(doc.parsed + offset, size);
}

std::optional<std::string_view> array_element(std::string_view array, std::size_t index) noexcept {
  std::optional<std::string_view> found;
  std::size_t i = 0;
  for_each_element(array, [&](std::string_view value) {
    if (i++ != index) return true;
    found = value;
    return false;
  });
  return found;
}

namespace {

// RFC 6901 §4: "0", or digits without a leading zero. "-" (past the end) and anything else name no element.
std::optional<std::size_t> array_index(std::string_view token) noexcept {
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (ec != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return index;
}

}  // namespace

std::optional<std::string_view> follow_pointer(ValidatedJson doc, std::string_view start, const PointerTokens& tokens,
                                               std::size_t first_token) {
  std::string_view current = start;
  for (std::size_t t = first_token; t < tokens.size(); ++t) {
    const std::string_view token = tokens[t];
    std::optional<std::string_view> next;
    if (current.empty()) return std::nullopt;
    if (current.front() == '{') {
      for_each_member(doc, current, [&](std::string_view name, std::string_view value) {
        if (!pointer_token_names(token, name)) return true;
        next = value;
        return false;
      });
    } else if (current.front() == '[') {
      if (const auto index = array_index(token)) next = array_element(current, *index);
    }
    if (!next) return std::nullopt;
    current = *next;
  }
  return current;
}

Result<std::optional<std::string_view>> find_claim(ValidatedJson doc, ClaimPath path) {
  const std::string_view root = value_at(doc.text, 0);
  if (path.is_pointer()) {
    auto tokens = split_pointer(path.text());
    if (!tokens) return std::move(tokens).error();
    return follow_pointer(doc, root, *tokens);
  }
  std::optional<std::string_view> found;
  for_each_member(doc, root, [&](std::string_view name, std::string_view value) {
    if (name != path.text()) return true;
    found = value;
    return false;
  });
  return found;
}

}  // namespace jwtcheck::detail
