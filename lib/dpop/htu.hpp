// The "htu" comparison of RFC 9449 §4.3: the request URL and the proof's htu, each without its
// query and fragment, after syntax-based (RFC 3986 §6.2.2) and scheme-based (§6.2.3) normalisation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jwtcheck::detail {

/// `url` without query and fragment, normalised: scheme and host lower-cased, an empty or default
/// port (80 for http, 443 for https) removed, leading zeros of the port dropped, an empty path
/// made "/", percent-encodings upper-cased and those of unreserved characters decoded, dot
/// segments removed. nullopt when `url` is not an absolute URL with an authority ("scheme://host…"),
/// has userinfo, a bad port or a bad percent-encoding: such a URL matches nothing.
std::optional<std::string> normalized_htu(std::string_view url);

}  // namespace jwtcheck::detail
