// jwtcheck — JWS signature algorithms (RFC 7518 §3, RFC 8037).
#pragma once

#include <jwtcheck/export.hpp>

#include <optional>
#include <string_view>

namespace jwtcheck {

/// The algorithms jwtcheck verifies. "none" is deliberately not representable.
enum class Alg { RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, HS256, HS384, HS512 };

/// The JOSE name, e.g. "RS256".
JWTCHECK_API std::string_view alg_name(Alg alg) noexcept;

/// Parses a JOSE name exactly (case-sensitive); nullopt for "none" and anything unknown.
JWTCHECK_API std::optional<Alg> alg_from_name(std::string_view name) noexcept;

/// True for HS256/384/512, the only algorithms that use a shared secret.
constexpr bool is_hmac(Alg alg) noexcept { return alg == Alg::HS256 || alg == Alg::HS384 || alg == Alg::HS512; }

}  // namespace jwtcheck
