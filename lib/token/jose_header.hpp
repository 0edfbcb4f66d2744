// The JOSE header members jwtcheck reads, checked for type. Nothing here chooses a key:
// "jwk", "jku", "x5u", "x5c" are never read at all (RFC 8725 §3.10).
#pragma once

#include <jwtcheck/error.hpp>

#include "json/object_scan.hpp"

#include <string_view>

namespace jwtcheck::detail {

// RecentHeader (verify/recent_header.cpp) moves every view below from one copy of the text to
// another: a new view member must be added there too.
struct JoseHeader {
  std::string_view alg;        ///< as sent: may be "none" or unknown
  std::string_view kid;        ///< empty when absent (see has_kid)
  std::string_view typ;        ///< empty when absent (see has_typ)
  std::string_view cty;        ///< empty when absent (see has_cty)
  bool has_kid = false;
  bool has_typ = false;
  bool has_cty = false;
  /// "crit" is present and well formed. jwtcheck implements no extension, so a verifier must refuse it.
  bool has_crit = false;
  std::string_view first_crit;  ///< the first extension "crit" names, for the message
};

/// The header members read_jose_header reads, in slot order.
inline constexpr std::string_view kHeaderNames[] = {"alg", "kid", "typ", "cty", "crit"};
/// The ObjectScan slots of the header members read_jose_header reads (give it to the scan).
inline constexpr SlotNames header_slot(kHeaderNames);

/// Reads alg (required string), kid/typ/cty (strings if present) and crit (a non-empty array of
/// strings naming extension members present in the header, RFC 7515 §4.1.11) from a header
/// scanned with header_slot. Views point into the scan's strings. Errors: invalid_header.
Result<JoseHeader> read_jose_header(const ObjectScan& header);

}  // namespace jwtcheck::detail
