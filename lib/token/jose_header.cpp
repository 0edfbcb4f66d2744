#include "token/jose_header.hpp"

#include "json/message_quote.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace jwtcheck::detail {

namespace {

Error invalid_header(std::string message) { return Error{ErrorCode::invalid_header, "header: " + std::move(message)}; }

std::string_view view_of(const JsonValue& s) noexcept { return {s.GetString(), s.GetStringLength()}; }

const JsonValue* member(const JsonValue& object, std::string_view name) noexcept {
  for (auto m = object.MemberBegin(); m != object.MemberEnd(); ++m)
    if (view_of(m->name) == name) return &m->value;
  return nullptr;
}

// RFC 7515 §4.1.11: crit must not list the names the JWS spec itself defines.
bool is_registered_header_name(std::string_view name) noexcept {
  static constexpr std::array<std::string_view, 11> kRegistered{"alg", "jku", "jwk", "kid", "x5u", "x5c",
                                                                "x5t", "x5t#S256", "typ", "cty", "crit"};
  return std::find(kRegistered.begin(), kRegistered.end(), name) != kRegistered.end();
}

// Reads an optional string member; false (with `error` set) when present but not a string.
bool read_optional_string(const JsonValue& header, std::string_view name, std::string_view& out, bool& present,
                          Error& error) {
  const JsonValue* value = member(header, name);
  present = value != nullptr;
  if (!value) return true;
  if (!value->IsString()) {
    error = invalid_header("\"" + std::string(name) + "\" must be a string");
    return false;
  }
  out = view_of(*value);
  return true;
}

Result<void> read_crit(const JsonValue& header, JoseHeader& out) {
  const JsonValue* crit = member(header, "crit");
  if (!crit) return {};
  if (!crit->IsArray() || crit->Empty()) return invalid_header("\"crit\" must be a non-empty array of strings");
  for (const auto& entry : crit->GetArray()) {
    if (!entry.IsString()) return invalid_header("\"crit\" must be a non-empty array of strings");
    const std::string_view name = view_of(entry);
    if (is_registered_header_name(name))
      return invalid_header("\"crit\" lists " + quote_for_message(name) + ", a name defined by RFC 7515");
    if (!member(header, name))
      return invalid_header("\"crit\" lists " + quote_for_message(name) + ", which the header does not contain");
  }
  out.has_crit = true;
  out.first_crit = view_of(crit->GetArray()[0]);
  return {};
}

}  // namespace

Result<JoseHeader> read_jose_header(const JsonValue& header) {
  JoseHeader out;
  const JsonValue* alg = member(header, "alg");
  if (!alg) return invalid_header("\"alg\" is missing");
  if (!alg->IsString()) return invalid_header("\"alg\" must be a string");
  out.alg = view_of(*alg);
  Error error{};
  std::string_view cty;
  bool has_cty = false;
  if (!read_optional_string(header, "kid", out.kid, out.has_kid, error) ||
      !read_optional_string(header, "typ", out.typ, out.has_typ, error) ||
      !read_optional_string(header, "cty", cty, has_cty, error))
    return error;
  if (auto crit = read_crit(header, out); !crit) return crit.error();
  return out;
}

}  // namespace jwtcheck::detail
