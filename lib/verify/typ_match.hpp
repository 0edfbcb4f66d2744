// Comparing a header "typ" with an allowed value (RFC 7515 §4.1.9, RFC 9068 §2.1).
#pragma once

#include <string_view>

namespace jwtcheck::detail {

/// Media types compare case-insensitively, and "application/" may be left out when the rest
/// has no other "/": "at+jwt", "AT+JWT" and "application/at+jwt" are the same typ.
bool typ_matches(std::string_view token_typ, std::string_view allowed) noexcept;

}  // namespace jwtcheck::detail
