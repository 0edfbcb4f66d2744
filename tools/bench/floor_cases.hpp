// The floor: raw OpenSSL verifying the same signing input and signature with a pre-built key.
// Several variants per algorithm, from the plain "reset + init per call" to the fastest found;
// the report takes the fastest one as the reference.
#pragma once

#include "bench_case.hpp"
#include "fixture.hpp"

#include <array>
#include <string>
#include <vector>

namespace bench {

/// Every floor variant that applies to the fixture's algorithm.
std::vector<BenchCase> floor_cases(const AlgFixture& fixture);

// Per family, defined in floor_evp.cpp, floor_hmac.cpp, floor_legacy.cpp, floor_bignum.cpp.
std::vector<BenchCase> evp_floor_cases(const AlgFixture& fixture);
std::vector<BenchCase> hmac_floor_cases(const AlgFixture& fixture);
std::vector<BenchCase> legacy_floor_cases(const AlgFixture& fixture);
std::vector<BenchCase> bignum_floor_cases(const AlgFixture& fixture);

/// SHA-256 of the signing input on a stack context, as the low-level floors hash (floor_legacy.cpp).
std::array<unsigned char, 32> floor_sha256(const std::string& input);

}  // namespace bench
