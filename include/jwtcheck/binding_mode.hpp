// jwtcheck — how a server treats sender-constrained access tokens: DPoP-bound (jwtcheck/dpop.hpp)
// and certificate-bound (jwtcheck/certificate_binding.hpp) alike.
#pragma once

#include <jwtcheck/export.hpp>

#include <optional>
#include <string_view>

namespace jwtcheck {

/// How a server treats bound access tokens (those whose "cnf" claim names a key or a certificate).
/// In every mode a bound token without its proof of possession (a DPoP proof, the client
/// certificate) is refused: RFC 9449 §7.1 and RFC 8705 §3 never let a bound token pass as a bearer
/// token.
enum class BindingMode {
  off,       ///< binding is not used here: bearer tokens pass (a proof or certificate is ignored); bound tokens are refused
  allowed,   ///< bearer tokens pass; bound tokens need their valid proof of possession
  required,  ///< every token must be bound and come with its valid proof of possession
};

/// "off", "allowed" or "required".
JWTCHECK_API std::string_view binding_mode_name(BindingMode mode) noexcept;
/// The mode of that name (exactly "off", "allowed" or "required"); nullopt for any other text.
JWTCHECK_API std::optional<BindingMode> binding_mode_from_name(std::string_view name) noexcept;

}  // namespace jwtcheck
