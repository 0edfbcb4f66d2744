// How long a fetched JWKS stays fresh, from its Cache-Control header (RFC 9111 §5.2).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace jwtcheck::detail {

/// The response's max-age in seconds; 0 for no-store / no-cache; nullopt when the header has
/// neither (or an unusable max-age).
std::optional<std::chrono::seconds> cache_max_age(std::string_view cache_control);

/// max-age clamped to [min_age, max_age]; default_age when the header is absent or says nothing.
std::chrono::seconds cache_lifetime(std::optional<std::string_view> cache_control, std::chrono::seconds min_age,
                                    std::chrono::seconds max_age, std::chrono::seconds default_age);

}  // namespace jwtcheck::detail
