#include "exit_codes.hpp"

namespace jwtcheck::cli {

Exit exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    // In the tool these only ever come from the flags (--jwks-url, --token-url, --tenant).
    case ErrorCode::invalid_policy:
    case ErrorCode::insecure_url:
    case ErrorCode::invalid_url:
    case ErrorCode::invalid_claim_pointer:
      return exit_usage;
    // Keys that could not be loaded: nothing was said about the token yet.
    case ErrorCode::invalid_key:
    case ErrorCode::unsupported_key:
    case ErrorCode::weak_key:
    case ErrorCode::invalid_jwks:
    case ErrorCode::too_many_keys:
    // Fetching and local files.
    case ErrorCode::dns_failed:
    case ErrorCode::connect_failed:
    case ErrorCode::tls_failed:
    case ErrorCode::timeout:
    case ErrorCode::cancelled:
    case ErrorCode::deadline_exceeded:
    case ErrorCode::http_status:
    case ErrorCode::body_too_large:
    case ErrorCode::invalid_response:
    case ErrorCode::oauth_error:
    case ErrorCode::rate_limited:
    case ErrorCode::opaque_token:
    case ErrorCode::keys_unavailable:
    case ErrorCode::io_error:
    case ErrorCode::out_of_memory:
      return exit_unavailable;
    default:
      return exit_refused;
  }
}

Exit exit_code_for_refusal(std::span<const Error> errors) noexcept {
  for (const Error& error : errors) {
    if (exit_code_for(error.code) == exit_unavailable) return exit_unavailable;
  }
  return exit_refused;
}

}  // namespace jwtcheck::cli
