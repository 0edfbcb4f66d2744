// The peers: JWT libraries packaged by Debian, each used the way its documentation shows for a
// server, checking the same claims jwtcheck's policy checks. A peer contributes no case for an
// algorithm it does not support. Each is compiled only when meson found the library.
#pragma once

#include "bench_case.hpp"
#include "fixture.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace bench {

std::vector<BenchCase> libjwt_cases(const AlgFixture& fixture);   ///< libjwt 1.10 (C)
std::vector<BenchCase> cppjwt_cases(const AlgFixture& fixture);   ///< cpp-jwt 1.4 (header-only, nlohmann/json)
std::vector<BenchCase> poco_cases(const AlgFixture& fixture);     ///< POCO JWT 1.11 (Poco::JWT::Signer)

/// Every available peer's cases for the fixture's algorithm.
std::vector<BenchCase> peer_cases(const AlgFixture& fixture);

// Claim checks the peers do not do themselves (the Auth0 policy, spelled out once).

/// Seconds since the Unix epoch.
std::int64_t now_seconds() noexcept;
/// exp in the future and iat not in the future, both within the leeway.
bool times_acceptable(std::int64_t exp, std::int64_t iat, const ExpectedClaims& expected) noexcept;
/// sub is "<azp>@clients" with a non-empty client id (what Policy::check_azp_matches_subject checks).
bool subject_is_client(std::string_view sub, std::string_view azp, const ExpectedClaims& expected) noexcept;
/// The space-separated `scope` string contains `wanted` as a whole word.
bool scope_grants(std::string_view scope, std::string_view wanted) noexcept;

}  // namespace bench
