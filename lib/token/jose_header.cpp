#include "token/jose_header.hpp"

#include "json/message_quote.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace jwtcheck::detail {

namespace {

Error invalid_header(std::string message) { return Error{ErrorCode::invalid_header, "header: " + std::move(message)}; }

enum HeaderSlot : int { kAlg, kKid, kTyp, kCty, kCrit };
static_assert(header_slot("alg") == kAlg && header_slot("kid") == kKid && header_slot("typ") == kTyp &&
              header_slot("cty") == kCty && header_slot("crit") == kCrit && header_slot("x5u") == -1);

// RFC 7515 §4.1.11: crit must not list the names the JWS spec itself defines.
bool is_registered_header_name(std::string_view name) noexcept {
  static constexpr std::array<std::string_view, 11> kRegistered{"alg", "jku", "jwk", "kid", "x5u", "x5c",
                                                                "x5t", "x5t#S256", "typ", "cty", "crit"};
  return std::find(kRegistered.begin(), kRegistered.end(), name) != kRegistered.end();
}

// Reads an optional string member; false (with `error` set) when present but not a string.
bool read_optional_string(const ObjectScan& header, HeaderSlot slot, std::string_view name, std::string_view& out,
                          bool& present, Error& error) {
  const ScannedValue* value = header.slot(slot);
  present = value != nullptr;
  if (!value) return true;
  if (!value->is_string()) {
    error = invalid_header("\"" + std::string(name) + "\" must be a string");
    return false;
  }
  out = value->string;
  return true;
}

Result<void> read_crit(const ObjectScan& header, JoseHeader& out) {
  const ScannedValue* crit = header.slot(kCrit);
  if (!crit) return {};
  if (!crit->is_string_array() || crit->size == 0)
    return invalid_header("\"crit\" must be a non-empty array of strings");
  for (const std::string_view name : crit->strings) {
    if (is_registered_header_name(name))
      return invalid_header("\"crit\" lists " + quote_for_message(name) + ", a name defined by RFC 7515");
    if (!header.has_member(name))
      return invalid_header("\"crit\" lists " + quote_for_message(name) + ", which the header does not contain");
  }
  out.has_crit = true;
  out.first_crit = crit->strings[0];
  return {};
}

}  // namespace

Result<JoseHeader> read_jose_header(const ObjectScan& header) {
  JoseHeader out;
  const ScannedValue* alg = header.slot(kAlg);
  if (!alg) return invalid_header("\"alg\" is missing");
  if (!alg->is_string()) return invalid_header("\"alg\" must be a string");
  out.alg = alg->string;
  Error error{};
  if (!read_optional_string(header, kKid, "kid", out.kid, out.has_kid, error) ||
      !read_optional_string(header, kTyp, "typ", out.typ, out.has_typ, error) ||
      !read_optional_string(header, kCty, "cty", out.cty, out.has_cty, error))
    return error;
  if (auto crit = read_crit(header, out); !crit) return crit.error();
  return out;
}

}  // namespace jwtcheck::detail
