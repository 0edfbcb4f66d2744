// Keys, tokens and verifier policy for one algorithm, shared by every case of that algorithm.
#pragma once

#include "bench_case.hpp"

#include <jwtcheck/alg.hpp>
#include <jwtcheck/key_set.hpp>
#include <jwtcheck/policy.hpp>
#include <jwtcheck/testing/signing_key.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace bench {

/// The claims every case checks (the Auth0 client-credentials shape), for peers that need them spelled out.
struct ExpectedClaims {
  std::string issuer = "https://bench-tenant.jwtcheck.test/";
  std::string audience = "https://api.bench.jwtcheck.test";
  std::string client_id = "BenchClient0123456789abcdefXYZ";
  std::string gty = "client-credentials";
  std::string required_scope = "read:reports";
  std::int64_t leeway_seconds = 30;
};

/// Everything the cases of one algorithm need, built once.
struct AlgFixture {
  jwtcheck::Alg alg;
  ExpectedClaims expected;
  jwtcheck::testing::SigningKey signer;
  std::string public_pem;           ///< SubjectPublicKeyInfo PEM; empty for HS
  std::string hmac_secret;          ///< HS only
  Samples samples;
  jwtcheck::Policy policy;          ///< the Auth0 server policy for this alg
  jwtcheck::KeySet one_key;
  jwtcheck::KeySet hundred_keys;    ///< 99 other keys plus the signer's, in the middle
  std::vector<std::string> distinct_tokens;  ///< valid tokens that differ only in "jti" (cache misses)
  Sample many_scopes;               ///< valid token whose "scope" holds 20 entries, the required one last
};

/// Builds the fixture: generates keys, mints tokens, checks they parse. Exits on failure.
AlgFixture make_fixture(jwtcheck::Alg alg, std::size_t distinct_tokens);

/// Prints "bench: <message>" to stderr and exits with status 2.
[[noreturn]] void fail(const std::string& message);

}  // namespace bench
