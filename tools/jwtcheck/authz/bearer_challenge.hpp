// jwtcheck authz — the WWW-Authenticate challenge of a refusal: RFC 6750 §3 (Bearer) and
// RFC 9449 §7.1 (DPoP).
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

/// RFC 9449 §7.1: `DPoP realm="REALM", algs="ES256 …"` plus, when `error` is not empty,
/// `, error="ERROR", error_description="…"` (error is invalid_token or invalid_dpop_proof) and,
/// when `scope` is not empty, `, scope="…"`.
std::string dpop_challenge(std::string_view realm, std::string_view algs, std::string_view error,
                           std::string_view description, std::string_view scope = {});

}  // namespace jwtcheck::cli::authz
