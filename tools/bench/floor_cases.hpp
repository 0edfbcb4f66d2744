// The floor: raw OpenSSL verifying the same signing input and signature with a pre-built key,
// through its public API only (the project builds with OPENSSL_NO_DEPRECATED). Several variants
// per algorithm, from the plain "reset + init per call" to the fastest found; the report holds
// jwtcheck to the fastest of the EVP ones (names starting with floor_evp_prefix).
#pragma once

#include "bench_case.hpp"
#include "fixture.hpp"

#include <string_view>
#include <vector>

namespace bench {

/// Every floor measured through the EVP API is named "openssl evp: <how>".
inline constexpr std::string_view floor_evp_prefix = "openssl evp";
/// The plain EVP floor: one context, reset and initialised for the key on every call.
inline constexpr const char* floor_reset_init = "openssl evp: reset+init per call";

/// Every floor variant that applies to the fixture's algorithm.
std::vector<BenchCase> floor_cases(const AlgFixture& fixture);

// Per family, defined in floor_evp.cpp and floor_hmac.cpp.
std::vector<BenchCase> evp_floor_cases(const AlgFixture& fixture);
std::vector<BenchCase> hmac_floor_cases(const AlgFixture& fixture);

/// True for a floor measured through the EVP API (the ones the targets are held to).
inline bool is_evp_floor(std::string_view name) { return name.starts_with(floor_evp_prefix); }

}  // namespace bench
