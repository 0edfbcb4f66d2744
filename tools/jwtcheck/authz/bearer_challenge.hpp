// jwtcheck authz — the RFC 6750 §3 WWW-Authenticate challenge of a refusal.
#pragma once

#include <string>
#include <string_view>

namespace jwtcheck::cli::authz {

/// Text safe inside an RFC 6750 quoted value (%x20-21 / %x23-5B / %x5D-7E): other bytes become
/// "?", and it is cut to `max_bytes`.
std::string quoted_safe(std::string_view text, std::size_t max_bytes = 200);

/// `Bearer realm="REALM"` plus, when `error` is not empty, `, error="ERROR",
/// error_description="…"` and, when `scope` is not empty, `, scope="…"`.
std::string bearer_challenge(std::string_view realm, std::string_view error, std::string_view description,
                             std::string_view scope = {});

}  // namespace jwtcheck::cli::authz
